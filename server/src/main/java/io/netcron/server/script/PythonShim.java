package io.netcron.server.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The Python shim that runs an unchanged old-framework {@code BaseTask} module
 * ({@code python3 -m netcron_shim TASK.py}): shipped as resources and copied once per JVM into a
 * private temporary directory that is put first on the script's {@code PYTHONPATH}.
 */
public final class PythonShim
{
    private static final String RESOURCES = "/io/netcron/server/script/python/";
    static final List<String> FILES = List.of(
            "netcron_shim/__init__.py",
            "netcron_shim/__main__.py",
            "netcron_shim/automation_core/__init__.py",
            "netcron_shim/automation_core/base_task.py",
            "netcron_shim/automation_core/auth.py");
    private static Path directory;

    private PythonShim() {}

    public static synchronized Path directory()
    {
        if (directory == null) {
            try {
                Path target = Files.createTempDirectory("netcron-python-");
                for (String file : FILES) {
                    Path destination = target.resolve(file);
                    Files.createDirectories(destination.getParent());
                    try (InputStream in = PythonShim.class.getResourceAsStream(RESOURCES + file)) {
                        if (in == null) {
                            throw new IOException("resource " + RESOURCES + file + " missing from the build");
                        }
                        Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                target.toFile().deleteOnExit();
                directory = target;
            }
            catch (IOException e) {
                throw new UncheckedIOException("could not unpack the Python shim: " + e.getMessage(), e);
            }
        }
        return directory;
    }
}
