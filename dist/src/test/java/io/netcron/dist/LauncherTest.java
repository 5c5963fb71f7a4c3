package io.netcron.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launchers' JVM flag choice (bin/jvm-flags.sh, deploy/bin/netcron), run by bash against fake
 * {@code java} binaries that print a real JDK's {@code -version} text and echo their arguments.
 */
class LauncherTest
{
    private static final String UNSAFE_FLAG = "--sun-misc-unsafe-memory-access=allow";

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "openjdk version \"1.8.0_412\"|8",
            "openjdk version \"17.0.15\" 2025-04-15|17",
            "openjdk version \"21.0.5\" 2024-10-15 LTS|21",
            "java version \"21.0.2\" 2024-01-16 LTS|21",
            "openjdk version \"21\" 2023-09-19|21",
            "openjdk version \"23.0.1\" 2024-10-15|23",
            "openjdk version \"25.0.3\" 2026-04-21 LTS|25",
            "openjdk version \"26-ea\" 2026-03-17|26",
    })
    void javaMajorIsReadFromTheVersionText(String versionLine, String major)
            throws Exception
    {
        Path java = fakeJava(versionLine);
        assertThat(bash(". " + Repository.file("bin/jvm-flags.sh") + "; netcron_java_major " + java, Map.of()).stdout())
                .isEqualTo(major + "\n");
    }

    @ParameterizedTest(name = "Java {0}")
    @CsvSource({"21,''", "22,''", "23," + UNSAFE_FLAG, "25," + UNSAFE_FLAG})
    void unsafeMemoryAccessFlagOnlyFromJava23On(int major, String flags)
    {
        assertThat(bash(". " + Repository.file("bin/jvm-flags.sh") + "; netcron_jvm_flags " + major, Map.of()).stdout().strip())
                .isEqualTo(flags);
    }

    @Test
    void releaseLauncherOnJava21RunsMainWithoutTheUnsafeFlag()
            throws Exception
    {
        Path home = release(fakeJava("openjdk version \"21.0.5\" 2024-10-15 LTS"));
        Result result = bash(home.resolve("bin/netcron") + " server", Map.of("JAVA_HOME", directory.toString(), "NETCRON_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC"));
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout().lines()).containsExactly("-Xmx256m", "-XX:+UseSerialGC", "-cp", home.toRealPath() + "/lib/*", "io.netcron.server.Main", "server");
    }

    @Test
    void releaseLauncherOnJava25AllowsUnsafeMemoryAccess()
            throws Exception
    {
        Path home = release(fakeJava("openjdk version \"25.0.3\" 2026-04-21 LTS"));
        Result result = bash(home.resolve("bin/netcron") + " jobs", Map.of("JAVA_HOME", directory.toString()));
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout().lines()).containsExactly(UNSAFE_FLAG, "-cp", home.toRealPath() + "/lib/*", "io.netcron.server.Main", "jobs");
    }

    @Test
    void releaseLauncherRefusesJava17InOneLine()
            throws Exception
    {
        Path home = release(fakeJava("openjdk version \"17.0.15\" 2025-04-15"));
        Result result = bash(home.resolve("bin/netcron") + " server", Map.of("JAVA_HOME", directory.toString()));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).isEqualTo("netcron: needs Java 21 or newer; " + directory + "/bin/java is Java 17 (set JAVA_HOME)\n");
    }

    @Test
    void releaseLauncherFindsItsHomeThroughASymlink()
            throws Exception
    {
        Path home = release(fakeJava("openjdk version \"21.0.5\" 2024-10-15 LTS"));
        Path link = Files.createSymbolicLink(directory.resolve("netcron-link"), home.resolve("bin/netcron"));
        Result result = bash(link + " nodes", Map.of("JAVA_HOME", directory.toString()));
        assertThat(result.stdout().lines()).contains(home.toRealPath() + "/lib/*");
    }

    /** Maven's own JVM options must start every installed JDK, before 23 included. */
    @Test
    void mavenJvmConfigStartsEveryInstalledJdk()
            throws Exception
    {
        String options = Files.readString(Repository.file(".mvn/jvm.config")).strip();
        List<Path> javas = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")));
        try (Stream<Path> installed = Files.list(Path.of("/usr/lib/jvm"))) {
            installed.map(home -> home.resolve("bin/java")).filter(Files::isExecutable).forEach(javas::add);
        }
        catch (IOException e) {
            // no /usr/lib/jvm: the running JDK alone
        }
        for (Path java : javas) {
            Result result = bash(java + " " + options + " -version", Map.of());
            assertThat(result.exitCode()).as("%s %s -version: %s", java, options, result.stderr()).isZero();
        }
    }

    private Path fakeJava(String versionLine)
            throws IOException
    {
        Path bin = Files.createDirectories(directory.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                if [ "$1" = "-version" ]; then
                  echo '%s' >&2
                  echo 'OpenJDK Runtime Environment (build fake)' >&2
                  exit 0
                fi
                for argument in "$@"; do echo "$argument"; done
                """.formatted(versionLine));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    /** The launcher laid out as in the tarball: bin/netcron, bin/jvm-flags.sh, lib/. */
    private Path release(Path java)
            throws IOException
    {
        Path home = directory.resolve("netcron-test");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Files.copy(Repository.file("deploy/bin/netcron"), bin.resolve("netcron"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(Repository.file("bin/jvm-flags.sh"), bin.resolve("jvm-flags.sh"));
        return home;
    }

    private static Result bash(String script, Map<String, String> environment)
    {
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", script);
            builder.environment().keySet().removeIf(key -> key.startsWith("NETCRON_") || key.equals("JAVA_HOME"));
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("bash -c " + script + " did not finish");
            }
            return new Result(process.exitValue(), stdout, stderr);
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {}
}
