package io.netcron.server.testing;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that starts node processes ({@link NodeProcess}, {@link Cluster}): it runs in
 * Maven's integration-test phase (Failsafe), after the fast tests, and {@code ./test -Pfast}
 * leaves it out. Tests that run a node in the test's own JVM ({@code NetcronServer.start}) are
 * not multi-JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(MultiJvm.TAG)
public @interface MultiJvm
{
    String TAG = "multi-jvm";
}
