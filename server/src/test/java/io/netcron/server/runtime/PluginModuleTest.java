package io.netcron.server.runtime;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.netcron.job.RunCause;
import io.netcron.server.catalog.JobCatalog;
import io.netcron.server.catalog.JobDiscovery;
import io.netcron.server.catalog.JobType;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.config.Settings;
import io.netcron.server.execution.InProcessExecution;
import io.netcron.server.execution.RunPlan;
import io.netcron.server.run.RunEnd;
import io.netcron.server.run.RunStart;
import io.netcron.server.run.RunStatus;
import io.netcron.server.progress.RunProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A plugin jar brings its own Guice module (ServiceLoader), and its job is wired with it like any other. */
class PluginModuleTest
{
    @TempDir
    Path directory;

    @Test
    void aPluginJobGetsWhatThePluginsModuleBinds()
            throws Exception
    {
        Path plugins = Files.createDirectories(directory.resolve("plugins"));
        writePluginJar(plugins.resolve("greeting-jobs.jar"));
        NetcronConfig config = NetcronConfig.fromSettings(Settings.of(Map.of("node.id", "node-m")));
        JobCatalog catalog = JobDiscovery.discover(Optional.of(plugins));

        Injector injector = Guice.createInjector(JobRuntimeModules.of(config, catalog));
        JobType type = catalog.byName("plugin-greeting").orElseThrow();
        RunEnd end = new InProcessExecution(injector, config.node(), new RunProgress(RunProgress.ProgressWriter.NONE))
                .execute(new RunPlan(new RunStart("plugin-greeting", Instant.now(), 1, RunCause.MANUAL, "node-m", false), type, "{}", Duration.ofSeconds(10)), 1);

        assertThat(end.status()).as(end.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(end.resultJson()).isEqualTo("{\"greeting\":\"hello from the plugin's module\"}");
    }

    @Test
    void noPluginDirectoryMeansNoPluginModules()
    {
        assertThat(JobRuntimeModules.pluginModules(JobDiscovery.discover(Optional.empty()))).isEmpty();
    }

    private void writePluginJar(Path jar)
            throws IOException
    {
        Path sources = Files.createDirectories(directory.resolve("src/com/example/greeting"));
        Files.writeString(sources.resolve("Greeter.java"), """
                package com.example.greeting;
                public interface Greeter { String greet(); }
                """);
        Files.writeString(sources.resolve("GreetingModule.java"), """
                package com.example.greeting;
                public final class GreetingModule extends com.google.inject.AbstractModule {
                    @Override
                    protected void configure() {
                        bind(Greeter.class).toInstance(() -> "hello from the plugin's module");
                    }
                }
                """);
        Files.writeString(sources.resolve("GreetingJob.java"), """
                package com.example.greeting;

                import io.netcron.job.JobContext;
                import io.netcron.job.JobResult;
                import io.netcron.job.JobSpec;
                import io.netcron.job.NetcronJob;
                import jakarta.inject.Inject;

                @JobSpec(name = "plugin-greeting", category = "plugins")
                public final class GreetingJob implements NetcronJob {
                    private final Greeter greeter;

                    @Inject
                    public GreetingJob(Greeter greeter) {
                        this.greeter = greeter;
                    }

                    @Override
                    public JobResult execute(JobContext context) {
                        return JobResult.of("greeting", greeter.greet());
                    }
                }
                """);
        Path classes = Files.createDirectories(directory.resolve("classes"));
        List<String> arguments = new java.util.ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString()));
        try (Stream<Path> files = Files.list(sources)) {
            files.map(Path::toString).forEach(arguments::add);
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new))).as("plugin compiles").isZero();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> compiled = Files.walk(classes)) {
            for (Path file : compiled.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/com.google.inject.Module"));
            out.write("com.example.greeting.GreetingModule\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
