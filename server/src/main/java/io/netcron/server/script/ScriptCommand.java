package io.netcron.server.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How to start one script: the interpreter named by its {@code #!} line (a missing one is a clear
 * error), or the Python shim for an old-framework {@code BaseTask} module. Only the script's path
 * and interpreter are on the command line: params and credentials go through the environment.
 */
public record ScriptCommand(Path script, List<String> command, List<String> credentials, boolean baseTask)
{
    public ScriptCommand
    {
        requireNonNull(script, "script is null");
        command = List.copyOf(command);
        credentials = List.copyOf(credentials);
    }

    public static ScriptCommand resolve(Path scriptsDirectory, String implementation, String path)
            throws ScriptException
    {
        Path script = scriptsDirectory.resolve(implementation).normalize();
        if (!script.startsWith(scriptsDirectory.normalize()) || !Files.isRegularFile(script)) {
            throw new ScriptException("script " + implementation + " not found in " + scriptsDirectory);
        }
        ScriptHeader header;
        Optional<BaseTaskSource> task = Optional.empty();
        try {
            header = ScriptHeader.read(script);
            if (!header.present() && implementation.endsWith(".py")) {
                task = BaseTaskSource.read(script);
            }
        }
        catch (IOException e) {
            throw new ScriptException("script " + implementation + " cannot be read: " + e.getMessage());
        }
        List<String> command = new ArrayList<>();
        if (task.isPresent()) {
            command.addAll(header.shebangLine().isPresent() ? interpreter(header.shebangLine().get(), path) : List.of(onPath("python3", path, "python3")));
            command.addAll(List.of("-m", "netcron_shim", script.toString()));
            return new ScriptCommand(script, command, task.get().credentials(), true);
        }
        if (header.shebangLine().isPresent()) {
            command.addAll(interpreter(header.shebangLine().get(), path));
        }
        else if (implementation.endsWith(".py")) {
            command.add(onPath("python3", path, "python3"));
        }
        else if (implementation.endsWith(".sh")) {
            command.add(onPath("sh", path, "sh"));
        }
        else if (!Files.isExecutable(script)) {
            throw new ScriptException("script " + implementation + " has no #! line and is not executable");
        }
        command.add(script.toString());
        return new ScriptCommand(script, command, header.credentials(), false);
    }

    /** {@code /usr/bin/python3 -u} or {@code /usr/bin/env [-S] python3 ...}: the interpreter and its arguments, resolved. */
    static List<String> interpreter(String shebang, String path)
            throws ScriptException
    {
        String[] parts = shebang.trim().split("\\s+");
        List<String> command = new ArrayList<>();
        if (parts[0].endsWith("/env")) {
            int i = 1;
            while (i < parts.length && parts[i].startsWith("-")) {
                i++;
            }
            if (i == parts.length) {
                throw new ScriptException("#!" + shebang + " names no interpreter");
            }
            command.add(onPath(parts[i], path, "#!" + shebang));
            command.addAll(List.of(parts).subList(i + 1, parts.length));
            return command;
        }
        Path interpreter = Path.of(parts[0]);
        if (!Files.isRegularFile(interpreter) || !Files.isExecutable(interpreter)) {
            throw new ScriptException("interpreter " + parts[0] + " not found");
        }
        command.addAll(List.of(parts));
        return command;
    }

    static String onPath(String name, String path, String shebang)
            throws ScriptException
    {
        if (name.contains("/")) {
            if (Files.isExecutable(Path.of(name))) {
                return name;
            }
            throw new ScriptException("interpreter " + name + " not found");
        }
        for (String directory : (path == null ? "" : path).split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, name)) && !Files.isDirectory(Path.of(directory, name))) {
                return Path.of(directory, name).toString();
            }
        }
        throw new ScriptException("interpreter " + name + " not found on PATH (" + shebang + ")");
    }
}
