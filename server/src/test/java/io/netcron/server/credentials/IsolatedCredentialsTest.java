package io.netcron.server.credentials;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import io.netcron.credentials.Credential;
import io.netcron.credentials.Credentials;
import io.netcron.credentials.Secret;
import io.netcron.job.JobContext;
import io.netcron.job.JobResult;
import io.netcron.job.NetcronJob;
import io.netcron.job.RunCause;
import io.netcron.server.catalog.JobDiscovery;
import io.netcron.server.catalog.JobType;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.db.DatabaseLocation;
import io.netcron.server.execution.RunPlan;
import io.netcron.server.run.RunEnd;
import io.netcron.server.run.RunStart;
import io.netcron.server.run.RunStatus;
import io.netcron.server.isolation.IsolatedExecution;
import io.netcron.server.progress.RunProgress;
import io.netcron.server.testing.TestDatabase;
import io.netcron.server.testjobs.EchoJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** An isolated job's child JVM reads the shared store with the node's keyset; the secret never reaches output or result. */
class IsolatedCredentialsTest
{
    private static final String TOKEN = "Isolated-token-marker-4c1d";

    @TempDir
    Path directory;

    /** Reports only the length of its token: proof it got it, without showing it. */
    public static final class TokenLengthJob
            implements NetcronJob
    {
        private final Credentials credentials;

        @Inject
        public TokenLengthJob(Credentials credentials)
        {
            this.credentials = credentials;
        }

        @Override
        public JobResult execute(JobContext context)
        {
            Credential ipam = credentials.get("ipam");
            context.output("read " + ipam);
            return JobResult.builder().put("token_length", ipam.token().reveal().length()).build();
        }
    }

    @Test
    void isolatedChildReadsTheCredentialWithTheNodesKeyset()
    {
        try (TestDatabase database = TestDatabase.create(IsolatedCredentialsTest.class)) {
            KeysetSource keysets = KeysetSource.ofFile(directory.resolve("node.keyset.json"));
            new CredentialStore(Optional.of(database::migratedPool), keysets, new EnvironmentCredentials(Map.of()), Duration.ZERO)
                    .set("ipam", Map.of("token", Secret.of(TOKEN)));
            DatabaseLocation location = new DatabaseLocation(database.plainUrl(), database.user(), database.password(), false);
            IsolatedExecution execution = new IsolatedExecution(Guice.createInjector(new AbstractModule()
            {
                @Override
                protected void configure()
                {
                    bind(DatabaseLocation.class).toInstance(location);
                    bind(KeysetSource.class).toInstance(keysets);
                }
            }), NetcronConfig.fromSettings(Settings.of(Map.of("node.id", "node-c", "data-dir", directory.resolve("data").toString()))),
                    new RunProgress((runId, progress) -> {}));

            RunEnd end = execution.execute(plan(), 21);

            assertThat(end.status()).as(end.error() + "\n" + end.output()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(end.resultJson()).contains("\"token_length\":" + TOKEN.length());
            assertThat(end.output()).contains("read Credential[ipam [token]]");
            assertThat(end.output() + end.resultJson()).doesNotContain(TOKEN);
        }
    }

    private static RunPlan plan()
    {
        JobType echo = JobDiscovery.fromAnnotation(EchoJob.class, new ArrayList<>()).orElseThrow();
        JobType type = new JobType("test-token-length", echo.kind(), TokenLengthJob.class.getName(), TokenLengthJob.class, echo.defaults());
        return new RunPlan(new RunStart("test-token-length", Instant.parse("2026-01-01T00:00:00Z"), 1, RunCause.MANUAL, "node-c", false), type, "{}", Duration.ofSeconds(60), true);
    }
}
