package io.netcron.server.cli;

import io.netcron.server.Main;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Runs {@code netcron ... --config <file>} in this JVM with the given stdin, stdout and stderr captured as lines. */
final class CliRunner
{
    /** A log line of a node running in this JVM: it logs to the same stderr as the command. */
    private static final Pattern LOG_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO|WARN|ERROR) ");

    private CliRunner() {}

    /** The exit code and the non-blank lines the command printed. */
    record CliResult(int code, List<String> out, List<String> err)
    {
        /** Without the lines a node in this JVM logged meanwhile. */
        CliResult withoutLogLines()
        {
            return new CliResult(code, withoutLogLines(out), withoutLogLines(err));
        }

        private static List<String> withoutLogLines(List<String> lines)
        {
            return lines.stream().filter(line -> !LOG_LINE.matcher(line).find()).toList();
        }
    }

    static CliResult run(Path config, String... arguments)
    {
        return run(config, "", arguments);
    }

    static CliResult run(Path config, String stdin, String... arguments)
    {
        List<String> args = new ArrayList<>(List.of(arguments));
        args.add("--config");
        args.add(config.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        InputStream originalIn = System.in;
        int code;
        try (PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(capturedOut);
            System.setErr(capturedErr);
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            code = Main.execute(args.toArray(String[]::new));
        }
        finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            System.setIn(originalIn);
        }
        return new CliResult(code, lines(out), lines(err));
    }

    private static List<String> lines(ByteArrayOutputStream stream)
    {
        return stream.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
    }
}
