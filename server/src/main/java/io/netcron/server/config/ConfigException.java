package io.netcron.server.config;

import java.util.List;

/** Configuration problems, all of them, as a numbered list a user can act on. */
public final class ConfigException
        extends RuntimeException
{
    private final List<String> problems;

    public ConfigException(List<String> problems)
    {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems()
    {
        return problems;
    }

    private static String format(List<String> problems)
    {
        StringBuilder text = new StringBuilder("Configuration errors:");
        for (int i = 0; i < problems.size(); i++) {
            text.append(System.lineSeparator()).append("  ").append(i + 1).append(") ").append(problems.get(i));
        }
        return text.toString();
    }
}
