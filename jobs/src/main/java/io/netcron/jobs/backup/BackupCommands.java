package io.netcron.jobs.backup;

import io.netcron.jobs.discovery.DevicePlatform;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Per platform: the command that prints the running configuration, and the lines of its output
 * that change without anyone changing the configuration (timestamps, counters), which are dropped
 * so that a commit means a real change. Oxidized and RANCID filter the same lines.
 */
record BackupCommands(String command, boolean needsEnable, List<Pattern> volatileLines)
{
    BackupCommands
    {
        volatileLines = List.copyOf(volatileLines);
    }

    static BackupCommands of(DevicePlatform platform)
    {
        return switch (platform) {
            case IOS -> new BackupCommands("show running-config", true, patterns(
                    "^Building configuration\\.\\.\\.\\s*$",
                    "^Current configuration\\s*:\\s*\\d+ bytes\\s*$",
                    "^! Last configuration change at .*",
                    "^! NVRAM config last updated at .*",
                    "^! No configuration change since last restart.*",
                    "^\\s*ntp clock-period \\d+\\s*$",
                    "^Load for five secs: .*",
                    "^Time source is .*"));
            case NXOS -> new BackupCommands("show running-config", false, patterns(
                    "^!Command: show running-config.*",
                    "^!Running configuration last done at: .*",
                    "^!Time: .*",
                    "^\\s*ntp clock-period \\d+\\s*$"));
            case EOS -> new BackupCommands("show running-config", true, patterns(
                    "^! Command: show running-config.*",
                    "^! Time: .*",
                    "^! Startup-config last modified at .*",
                    "^\\s*ntp clock-period \\d+\\s*$"));
            case JUNOS -> new BackupCommands("show configuration | display set", false, patterns(
                    "^## Last commit: .*",
                    "^## Last changed: .*",
                    "^\\{(master|backup|primary|linecard)(:\\d+)?\\}\\s*$"));
            case ARUBA -> new BackupCommands("show running-config", true, patterns(
                    "^Current configuration:\\s*$",
                    "^Running configuration:\\s*$",
                    "^! Last configuration change at .*",
                    "^\\s*ntp clock-period \\d+\\s*$"));
        };
    }

    private static List<Pattern> patterns(String... regexes)
    {
        return java.util.Arrays.stream(regexes).map(Pattern::compile).toList();
    }
}
