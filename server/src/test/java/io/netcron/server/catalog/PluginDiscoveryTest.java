package io.netcron.server.catalog;

import io.netcron.job.NetcronJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A jar dropped into the plugin directory is discovered with nothing to register. */
class PluginDiscoveryTest
{
    @TempDir
    Path directory;

    @Test
    void jobInAPluginJarIsDiscoveredAndCanBeBuilt()
            throws Exception
    {
        Path plugins = Files.createDirectories(directory.resolve("plugins"));
        writePluginJar(plugins.resolve("site-jobs.jar"));

        JobCatalog catalog = JobDiscovery.discover(Optional.of(plugins));

        JobType type = catalog.byName("plugin-hello").orElseThrow();
        assertThat(type.implementation()).isEqualTo("com.example.sitejobs.HelloJob");
        assertThat(type.defaults().category()).isEqualTo("plugins");
        assertThat(type.defaults().schedule()).contains("0 */5 * * * ?");
        assertThat(NetcronJob.class.isAssignableFrom(type.jobClass())).isTrue();
        assertThat(catalog.byName("sleep")).as("built-in jobs are still there").isPresent();
    }

    @Test
    void missingPluginDirectoryIsNotFatal()
    {
        assertThat(JobDiscovery.discover(Optional.of(directory.resolve("absent"))).byName("sleep")).isPresent();
    }

    private void writePluginJar(Path jar)
            throws IOException
    {
        Path sources = Files.createDirectories(directory.resolve("src/com/example/sitejobs"));
        Path source = sources.resolve("HelloJob.java");
        Files.writeString(source, """
                package com.example.sitejobs;

                import io.netcron.job.JobContext;
                import io.netcron.job.JobResult;
                import io.netcron.job.JobSpec;
                import io.netcron.job.NetcronJob;

                @JobSpec(name = "plugin-hello", category = "plugins", schedule = "0 */5 * * * ?")
                public final class HelloJob implements NetcronJob {
                    @Override
                    public JobResult execute(JobContext context) {
                        return JobResult.of("hello", context.jobName());
                    }
                }
                """);
        Path classes = Files.createDirectories(directory.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), source.toString());
        assertThat(status).as("plugin compiles").isZero();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            Path compiled = classes.resolve("com/example/sitejobs/HelloJob.class");
            out.putNextEntry(new JarEntry("com/example/sitejobs/HelloJob.class"));
            out.write(Files.readAllBytes(compiled));
            out.closeEntry();
        }
    }
}
