package io.netcron.server.testing;

import io.netcron.server.db.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * {@link ClassDatabase} and {@link CloseAfterAll} on sample classes run by a launcher of their own
 * (the samples run only from here: Surefire leaves nested classes out, and they are disabled elsewhere).
 */
class ClassResourcesTest
{
    private static volatile boolean launching;
    private static final List<String> events = new CopyOnWriteArrayList<>();
    private static volatile TestDatabase seen;

    @BeforeEach
    void forget()
    {
        events.clear();
        seen = null;
    }

    @Test
    void aMigratedPoolAndTheTestDatabaseAreOneDatabaseOfTheClassAlone()
            throws Exception
    {
        TestExecutionSummary summary = launch(Migrated.class);

        assertThat(summary.getTotalFailureCount()).as(failures(summary)).isZero();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(seen.name()).startsWith("nctest_migrated_");
        assertThat(exists(seen)).as("dropped after the class").isFalse();
    }

    @Test
    void fieldsCloseLastDeclaredFirstBeforeTheDatabaseIsDroppedAndAfterTheClassesOwnAfterAll()
            throws Exception
    {
        TestExecutionSummary summary = launch(TwoPeers.class);

        assertThat(summary.getTotalFailureCount()).as(failures(summary)).isZero();
        assertThat(events).containsExactly("after all", "close second, database there: true", "close first, database there: true");
        assertThat(exists(seen)).isFalse();
        assertThat(TwoPeers.first).as("emptied").isNull();
    }

    @Test
    void whenSetUpFailsHalfWayWhatItOpenedIsClosedAndTheDatabaseDropped()
            throws Exception
    {
        TestExecutionSummary summary = launch(FailsHalfWay.class);

        assertThat(summary.getContainersFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures()).singleElement()
                .satisfies(failure -> assertThat(failure.getException()).hasMessage("the second peer does not start"));
        assertThat(events).containsExactly("close first, database there: true");
        assertThat(exists(seen)).isFalse();
    }

    @Test
    void aFailedCloseDoesNotKeepTheOthersOpen()
            throws Exception
    {
        TestExecutionSummary summary = launch(FailingClose.class);

        assertThat(summary.getFailures()).singleElement()
                .satisfies(failure -> assertThat(failure.getException()).hasMessage("second cannot close"));
        assertThat(events).containsExactly("close second, database there: true", "close first, database there: true");
        assertThat(exists(seen)).isFalse();
    }

    @Test
    void anInstanceFieldIsRefusedWithItsName()
    {
        TestExecutionSummary summary = launch(InstanceField.class);

        assertThat(summary.getFailures()).singleElement()
                .satisfies(failure -> assertThat(failure.getException()).hasMessageContaining("InstanceField.database must be static"));
    }

    private static TestExecutionSummary launch(Class<?> sample)
    {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launching = true;
        try {
            LauncherFactory.create().execute(request().selectors(selectClass(sample)).build(), listener);
        }
        finally {
            launching = false;
        }
        return listener.getSummary();
    }

    private static String failures(TestExecutionSummary summary)
    {
        return summary.getFailures().stream().map(failure -> failure.getTestIdentifier().getDisplayName() + ": " + failure.getException()).toList().toString();
    }

    static boolean launching()
    {
        return launching;
    }

    private static boolean exists(TestDatabase database)
            throws SQLException
    {
        try (Connection admin = database.connectAdmin();
                PreparedStatement statement = admin.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
            statement.setString(1, database.name());
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1) == 1;
            }
        }
    }

    private record Peer(String name, boolean failsToClose)
            implements AutoCloseable
    {
        @Override
        public void close()
                throws SQLException
        {
            events.add("close " + name + ", database there: " + exists(seen));
            if (failsToClose) {
                throw new IllegalStateException(name + " cannot close");
            }
        }
    }

    @EnabledIf("io.netcron.server.testing.ClassResourcesTest#launching")
    static class Migrated
    {
        @ClassDatabase
        static TestDatabase testDatabase;
        @ClassDatabase
        static Database database;

        @Test
        void poolIsOnTheClassDatabaseWithTheSchema()
        {
            seen = testDatabase;
            assertThat(database.queryOne("SELECT current_database()", row -> row.getString(1))).contains(testDatabase.name());
            assertThat(Sql.count(testDatabase, "SELECT count(*) FROM netcron.job")).isNotNegative();
        }
    }

    /** The fields of the samples below, declared in a superclass as a test class's base may declare them. */
    abstract static class WithTwoPeers
    {
        @ClassDatabase
        static TestDatabase database;
        @CloseAfterAll
        static Peer first;
        @CloseAfterAll
        static Peer second;
    }

    @EnabledIf("io.netcron.server.testing.ClassResourcesTest#launching")
    static class TwoPeers
            extends WithTwoPeers
    {
        @BeforeAll
        static void start()
        {
            seen = database;
            first = new Peer("first", false);
            second = new Peer("second", false);
        }

        @AfterAll
        static void classesOwn()
        {
            events.add("after all");
        }

        @Test
        void runs()
        {
            assertThat(second).isNotNull();
        }
    }

    @EnabledIf("io.netcron.server.testing.ClassResourcesTest#launching")
    static class FailsHalfWay
            extends WithTwoPeers
    {
        @BeforeAll
        static void start()
        {
            seen = database;
            first = new Peer("first", false);
            throw new IllegalStateException("the second peer does not start");
        }

        @Test
        void neverRuns() {}
    }

    @EnabledIf("io.netcron.server.testing.ClassResourcesTest#launching")
    static class FailingClose
            extends WithTwoPeers
    {
        @BeforeAll
        static void start()
        {
            seen = database;
            first = new Peer("first", false);
            second = new Peer("second", true);
        }

        @Test
        void runs() {}
    }

    @EnabledIf("io.netcron.server.testing.ClassResourcesTest#launching")
    static class InstanceField
    {
        @ClassDatabase
        TestDatabase database;

        @Test
        void neverRuns() {}
    }
}
