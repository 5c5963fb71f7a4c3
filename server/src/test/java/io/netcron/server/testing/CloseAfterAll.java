package io.netcron.server.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A static {@link AutoCloseable} field ({@link Cluster}, {@link NodeProcess}, a node, a fake peer)
 * that a {@code @BeforeAll} method fills and that is closed after the class's {@code @AfterAll}
 * methods: the last declared first, before the {@link ClassDatabase} is dropped. A field still
 * {@code null} (set-up failed before it) is skipped, and one that fails to close does not keep the
 * others open.
 * <pre>{@code
 * @ClassDatabase
 * private static TestDatabase database;
 * @CloseAfterAll
 * private static Cluster cluster;
 *
 * @BeforeAll
 * static void startCluster()
 * {
 *     cluster = new Cluster(database, Map.of());
 *     cluster.awaitActive(Duration.ofSeconds(90), cluster.start("node-1"));
 * }
 * }</pre>
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ClassResources.class)
public @interface CloseAfterAll
{
}
