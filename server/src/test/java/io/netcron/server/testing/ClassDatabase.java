package io.netcron.server.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A static field that receives the test class's own fresh database before its {@code @BeforeAll}
 * methods run; the database is dropped after its {@code @AfterAll} methods (and after the
 * {@link CloseAfterAll} fields are closed), also when set-up failed half way. As JUnit's
 * {@code @TempDir} does for a directory:
 * <pre>{@code
 * @ClassDatabase
 * private static TestDatabase testDatabase;   // empty: a node started on it migrates it
 * @ClassDatabase
 * private static Database database;           // a pool on the same database, migrations applied
 * }</pre>
 * One database per class, whatever the number of fields: a {@link TestDatabase} field and a
 * {@code Database} field see the same one. It is migrated when the class has a {@code Database}
 * field or a field says {@link #migrated()}.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ClassResources.class)
public @interface ClassDatabase
{
    /** Apply netcron's migrations before the class's {@code @BeforeAll} methods ({@link TestDatabase#migratedPool()}). */
    boolean migrated() default false;
}
