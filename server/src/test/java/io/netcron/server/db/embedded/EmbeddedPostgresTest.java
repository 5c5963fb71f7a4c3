package io.netcron.server.db.embedded;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static java.nio.file.attribute.PosixFilePermissions.fromString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EmbeddedPostgresTest
{
    private final List<EmbeddedPostgres> servers = new ArrayList<>();
    private final List<Path> directories = new ArrayList<>();

    @AfterEach
    void stopServersAndDeleteDirectories()
            throws IOException
    {
        servers.forEach(EmbeddedPostgres::close);
        for (Path directory : directories) {
            FileSupport.deleteRecursively(directory);
        }
    }

    @Test
    void startedServerAcceptsJdbcConnectionsToDatabaseNetcron()
            throws Exception
    {
        Path dataDir = traversableDataDirectory();

        EmbeddedPostgres postgres = track(EmbeddedPostgres.startForTests(dataDir));

        assertThat(postgres.ownsProcess()).isTrue();
        assertThat(postgres.user()).isEqualTo("netcron");
        assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/netcron");
        assertThat(postgres.jdbcUrl("postgres")).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres");
        assertThat(postgres.clusterDirectory()).isEqualTo(dataDir.toRealPath().resolve("postgres"));
        assertThat(query(postgres, "select 1")).isEqualTo("1");
        assertThat(query(postgres, "select current_database()")).isEqualTo("netcron");
        assertThat(query(postgres, "show fsync")).isEqualTo("off");
        assertThat(Files.readString(postgres.clusterDirectory().resolve("netcron-port")).strip()).isEqualTo(String.valueOf(postgres.port()));
        assertThat(postgres.clusterDirectory().resolve(".s.PGSQL." + postgres.port())).exists();
        assertThat(postgres.clusterDirectory().resolve("log/postgres.log")).isNotEmptyFile();
    }

    @Test
    void secondStartAndFindRunningAttachToTheRunningServerAndTheirCloseLeavesItRunning()
            throws Exception
    {
        Path dataDir = traversableDataDirectory();
        EmbeddedPostgres owner = track(EmbeddedPostgres.startForTests(dataDir));

        EmbeddedPostgres second = track(EmbeddedPostgres.startForTests(dataDir));
        EmbeddedPostgres found = track(EmbeddedPostgres.findRunning(dataDir).orElseThrow());

        for (EmbeddedPostgres attached : List.of(second, found)) {
            assertThat(attached.ownsProcess()).isFalse();
            assertThat(attached.port()).isEqualTo(owner.port());
            assertThat(attached.clusterDirectory()).isEqualTo(owner.clusterDirectory());
            assertThat(attached.jdbcUrl()).isEqualTo(owner.jdbcUrl());
            assertThat(attached.password()).isPresent().isEqualTo(owner.password());
        }
        second.close();
        found.close();
        assertThat(query(owner, "select 1")).isEqualTo("1");
        assertThat(EmbeddedPostgres.findRunning(dataDir)).map(EmbeddedPostgres::port).contains(owner.port());
    }

    @Test
    void closingTheOwnerStopsTheServer()
            throws Exception
    {
        Path dataDir = traversableDataDirectory();
        EmbeddedPostgres owner = track(EmbeddedPostgres.startForTests(dataDir));

        owner.close();

        assertThat(owner.clusterDirectory().resolve("postmaster.pid")).doesNotExist();
        assertThat(EmbeddedPostgres.findRunning(dataDir)).isEmpty();
        assertThatThrownBy(() -> query(owner, "select 1")).isInstanceOf(SQLException.class);
    }

    @Test
    void theServerStaysUpWhileAnotherUserIsAttachedAndTheLastToLeaveStopsIt()
            throws Exception
    {
        Path dataDir = traversableDataDirectory();
        EmbeddedPostgres owner = track(EmbeddedPostgres.startForTests(dataDir));
        EmbeddedPostgres attached = track(EmbeddedPostgres.startForTests(dataDir));

        owner.close();
        assertThat(query(attached, "select 1")).as("the owner left, the attached user still works").isEqualTo("1");

        attached.close();
        assertThat(owner.clusterDirectory().resolve("postmaster.pid")).doesNotExist();
        assertThatThrownBy(() -> query(attached, "select 1")).isInstanceOf(SQLException.class);
    }

    @Test
    void restartOnTheSameDirectoryKeepsDataAndPort()
            throws Exception
    {
        Path dataDir = traversableDataDirectory();
        int firstPort;
        // the durable variant, as `netcron server` uses it
        try (EmbeddedPostgres first = track(EmbeddedPostgres.start(dataDir))) {
            firstPort = first.port();
            assertThat(query(first, "show fsync")).isEqualTo("on");
            execute(first, "create table kept (value text)");
            execute(first, "insert into kept values ('survives a restart')");
        }
        assertThat(EmbeddedPostgres.findRunning(dataDir)).isEmpty();

        try (EmbeddedPostgres second = track(EmbeddedPostgres.start(dataDir))) {
            assertThat(second.ownsProcess()).isTrue();
            assertThat(second.port()).isEqualTo(firstPort);
            assertThat(query(second, "select value from kept")).isEqualTo("survives a restart");
        }
    }

    @Test
    void serverRejectsClientsWithoutTheRightPassword()
            throws Exception
    {
        EmbeddedPostgres postgres = track(EmbeddedPostgres.startForTests(traversableDataDirectory()));

        assertThatThrownBy(() -> connect(postgres.jdbcUrl(), null).close()).isInstanceOf(SQLException.class).hasMessageContaining("no password");
        assertThatThrownBy(() -> connect(postgres.jdbcUrl(), "wrong").close()).isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        assertThat(query(postgres, "select 1")).isEqualTo("1");
        assertThat(postgres.clusterDirectory().resolve("pg_hba.conf")).content().doesNotContain("trust").contains("127.0.0.1/32   scram-sha-256");
    }

    @Test
    void passwordIsKeptInTheDataDirectoryReadableByItsOwnerOnlyAndNeverLogged()
            throws Exception
    {
        Path dataDir = traversableDataDirectory();

        EmbeddedPostgres postgres = track(EmbeddedPostgres.startForTests(dataDir));

        Path passwordFile = dataDir.resolve("postgres-password");
        assertThat(postgres.password()).hasValueSatisfying(password -> assertThat(password).hasSizeGreaterThanOrEqualTo(40));
        assertThat(passwordFile).hasContent(postgres.password().orElseThrow());
        assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(fromString("rw-------"));
        assertThat(Files.getOwner(passwordFile).getName()).isEqualTo(System.getProperty("user.name"));
        assertThat(postgres.clusterDirectory().resolve("log/postgres.log")).content().doesNotContain(postgres.password().orElseThrow());
        assertThat(postgres.toString()).doesNotContain(postgres.password().orElseThrow());
    }

    @Test
    void clusterThatTrustsLocalUsersGetsAPasswordOnItsNextStartAndKeepsItsData()
            throws Exception
    {
        Path dataDir = traversableDataDirectory();
        Path cluster;
        try (EmbeddedPostgres first = track(EmbeddedPostgres.startForTests(dataDir))) {
            cluster = first.clusterDirectory();
            execute(first, "create table kept (value text)");
            execute(first, "insert into kept values ('survives the migration')");
        }
        // what netcron wrote before clusters had a password
        Files.writeString(cluster.resolve("pg_hba.conf"), """
                local   all   all                  trust
                host    all   all   127.0.0.1/32   trust
                """);
        Files.delete(dataDir.resolve("postgres-password"));

        EmbeddedPostgres second = track(EmbeddedPostgres.startForTests(dataDir));

        assertThat(second.password()).isPresent();
        assertThat(dataDir.resolve("postgres-password")).hasContent(second.password().orElseThrow());
        assertThat(cluster.resolve("pg_hba.conf")).content().doesNotContain("trust");
        assertThatThrownBy(() -> connect(second.jdbcUrl(), null).close()).isInstanceOf(SQLException.class);
        assertThat(query(second, "select value from kept")).isEqualTo("survives the migration");
    }

    @Test
    void lostPasswordFileIsReplacedWithANewPasswordOnTheNextStart()
            throws Exception
    {
        Path dataDir = traversableDataDirectory();
        String lost;
        try (EmbeddedPostgres first = track(EmbeddedPostgres.startForTests(dataDir))) {
            lost = first.password().orElseThrow();
        }
        Files.delete(dataDir.resolve("postgres-password"));

        EmbeddedPostgres second = track(EmbeddedPostgres.startForTests(dataDir));

        assertThat(second.password()).isPresent().isNotEqualTo(Optional.of(lost));
        assertThat(query(second, "select 1")).isEqualTo("1");
        assertThatThrownBy(() -> connect(second.jdbcUrl(), lost).close()).isInstanceOf(SQLException.class);
    }

    @Test
    void findRunningNeverStartsAServerNorCreatesAnything()
            throws Exception
    {
        Path dataDir = traversableDataDirectory();

        assertThat(EmbeddedPostgres.findRunning(dataDir)).isEmpty();
        assertThat(dataDir).doesNotExist();

        Files.createDirectories(dataDir);
        assertThat(EmbeddedPostgres.findRunning(dataDir)).isEmpty();
        assertThat(dataDir).isEmptyDirectory();
    }

    @Test
    void concurrentStartsInOneJvmEndWithOneServer()
            throws Exception
    {
        Path dataDir = traversableDataDirectory();
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try {
            List<Future<EmbeddedPostgres>> starts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                starts.add(executor.submit((Callable<EmbeddedPostgres>) () -> EmbeddedPostgres.startForTests(dataDir)));
            }
            List<EmbeddedPostgres> started = new ArrayList<>();
            for (Future<EmbeddedPostgres> start : starts) {
                started.add(track(start.get(60, TimeUnit.SECONDS)));
            }

            assertThat(started).extracting(EmbeddedPostgres::port).containsOnly(started.getFirst().port());
            assertThat(started).filteredOn(EmbeddedPostgres::ownsProcess).hasSize(1);
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void concurrentStartsInTwoJvmsEndWithOneServer()
            throws Exception
    {
        Path dataDir = traversableDataDirectory();
        Path result = dataDir.resolveSibling("child-result");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ChildJvm.class.getName(), dataDir.toString(), result.toString())
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolveSibling("child.log").toFile())
                .start();
        EmbeddedPostgres ours;
        try {
            ours = track(EmbeddedPostgres.startForTests(dataDir));

            String[] childSays = awaitFile(result, child).split(" ");
            assertThat(Integer.parseInt(childSays[0])).isEqualTo(ours.port());
            assertThat(Boolean.parseBoolean(childSays[1])).isNotEqualTo(ours.ownsProcess());
        }
        finally {
            child.getOutputStream().close(); // the child closes its instance and exits
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        // whoever owned the server stopped it when closing, and only then
        assertThat(EmbeddedPostgres.findRunning(dataDir).isPresent()).isEqualTo(ours.ownsProcess());
    }

    @Test
    void directoryInTheClusterPlaceThatIsNoClusterIsReportedNotOverwritten()
            throws Exception
    {
        Path dataDir = traversableDataDirectory();
        Files.createDirectories(dataDir.resolve("postgres"));
        Files.writeString(dataDir.resolve("postgres/precious.txt"), "not a cluster");

        assertThatThrownBy(() -> track(EmbeddedPostgres.startForTests(dataDir)))
                .isInstanceOf(EmbeddedPostgresException.class)
                .hasMessageContaining("no PostgreSQL cluster");
        assertThat(dataDir.resolve("postgres/precious.txt")).hasContent("not a cluster");
    }

    @Test
    void serverThatCannotStartIsReportedWithTheEndOfItsLogAndLeavesNothingRunning()
            throws Exception
    {
        Path dataDir = traversableDataDirectory();
        Path cluster;
        try (EmbeddedPostgres postgres = track(EmbeddedPostgres.startForTests(dataDir))) {
            cluster = postgres.clusterDirectory();
        }
        Files.writeString(cluster.resolve("postgresql.conf"), "\nthis is not a setting\n", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> track(EmbeddedPostgres.startForTests(dataDir)))
                .isInstanceOf(EmbeddedPostgresException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("syntax error")
                .hasMessageNotContaining("\n");
        assertThat(cluster.resolve("postmaster.pid")).doesNotExist();
        assertThat(EmbeddedPostgres.findRunning(dataDir)).isEmpty();
    }

    @Test
    void asRootADataDirectoryPostgresCannotTraverseFallsBackToVarTmpAndIsFoundAgain()
            throws Exception
    {
        assumeTrue(isRoot(), "only a root JVM runs PostgreSQL under another account");
        // like /root: owned by root, mode 0700
        Path privateParent = Files.createTempDirectory("netcron-pg-private-");
        Files.setPosixFilePermissions(privateParent, fromString("rwx------"));
        directories.add(privateParent);
        Path dataDir = privateParent.resolve("data");

        EmbeddedPostgres first = track(EmbeddedPostgres.startForTests(dataDir));
        Path fallback = first.clusterDirectory().getParent();
        directories.add(fallback);

        assertThat(fallback.getParent()).isEqualTo(Path.of("/var/tmp"));
        assertThat(fallback.getFileName().toString()).startsWith("netcron-pg-");
        assertThat(Files.readString(dataDir.resolve("postgres-location")).strip()).isEqualTo(fallback.toString());
        assertThat(dataDir.resolve("postgres")).doesNotExist();
        assertThat(query(first, "select 1")).isEqualTo("1");
        first.close();

        EmbeddedPostgres second = track(EmbeddedPostgres.startForTests(dataDir));
        assertThat(second.ownsProcess()).isTrue();
        assertThat(second.clusterDirectory()).isEqualTo(first.clusterDirectory());
        assertThat(EmbeddedPostgres.findRunning(dataDir)).map(EmbeddedPostgres::port).contains(second.port());
    }

    @Test
    void asRootPostgresRunsUnderTheConfiguredAccount()
            throws Exception
    {
        assumeTrue(isRoot(), "only a root JVM runs PostgreSQL under another account");
        Path dataDir = traversableDataDirectory();
        System.setProperty("netcron.postgres.os-user", "nobody");
        try {
            EmbeddedPostgres postgres = track(EmbeddedPostgres.startForTests(dataDir));

            assertThat(Files.getOwner(postgres.clusterDirectory()).getName()).isEqualTo("nobody");
            assertThat(query(postgres, "select 1")).isEqualTo("1");
        }
        finally {
            System.clearProperty("netcron.postgres.os-user");
        }
    }

    // started as a separate JVM by concurrentStartsInTwoJvmsEndWithOneServer
    static final class ChildJvm
    {
        public static void main(String[] args)
                throws Exception
        {
            try (EmbeddedPostgres postgres = EmbeddedPostgres.startForTests(Path.of(args[0]))) {
                Path result = Path.of(args[1]);
                Path temporary = result.resolveSibling(result.getFileName() + ".tmp");
                Files.writeString(temporary, postgres.port() + " " + postgres.ownsProcess());
                Files.move(temporary, result, StandardCopyOption.ATOMIC_MOVE);
                // hold the server until the parent says so by closing our stdin
                while (System.in.read() >= 0) {
                    // discard
                }
            }
        }
    }

    private EmbeddedPostgres track(EmbeddedPostgres postgres)
    {
        servers.add(postgres);
        return postgres;
    }

    private Path traversableDataDirectory()
            throws IOException
    {
        Path parent = Files.createTempDirectory("netcron-pg-test-");
        // createTempDirectory makes it 0700: a root JVM runs PostgreSQL as another account, which must get through
        Files.setPosixFilePermissions(parent, fromString("rwxr-xr-x"));
        directories.add(parent);
        return parent.resolve("data");
    }

    private static String awaitFile(Path file, Process writer)
            throws Exception
    {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!Files.exists(file)) {
            assertThat(writer.isAlive()).as("child JVM still running (see child.log)").isTrue();
            assertThat(Instant.now()).as("child JVM reported in time").isBefore(deadline);
            Thread.sleep(50);
        }
        return Files.readString(file).strip();
    }

    private static String query(EmbeddedPostgres postgres, String sql)
            throws SQLException
    {
        try (Connection connection = connect(postgres.jdbcUrl(), postgres.password().orElseThrow());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }

    private static void execute(EmbeddedPostgres postgres, String sql)
            throws SQLException
    {
        try (Connection connection = connect(postgres.jdbcUrl(), postgres.password().orElseThrow());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect(String url, String password)
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", "netcron");
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    private static boolean isRoot()
    {
        return PostgresAccount.currentUid() == 0;
    }
}
