package io.netcron.jobs.backup;

import io.netcron.credentials.Credential;
import io.netcron.credentials.CredentialException;
import io.netcron.credentials.Credentials;
import io.netcron.fanout.FanOutResult;
import io.netcron.fanout.TargetResult;
import io.netcron.fanout.TargetScope;
import io.netcron.git.GitClient;
import io.netcron.git.GitCommit;
import io.netcron.git.GitException;
import io.netcron.git.GitPush;
import io.netcron.git.GitWorkspace;
import io.netcron.ipam.Ipam;
import io.netcron.job.Deadline;
import io.netcron.job.JobContext;
import io.netcron.job.JobFailedException;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;
import io.netcron.jobs.discovery.DevicePlatform;
import io.netcron.jobs.discovery.NetworkDevice;
import io.netcron.ssh.DeviceShell;
import io.netcron.ssh.SshClient;
import io.netcron.ssh.SshTarget;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Running configurations over SSH into git, as Oxidized and RANCID keep them: one file per device,
 * volatile lines dropped, one commit per device that changed (the run id in its message), optional
 * push. A device that cannot be read keeps its last good backup.
 */
@JobSpec(
        name = "config-backup",
        category = "backup",
        description = "Running configurations over SSH into a git repository, committed when changed",
        schedule = "0 0 2 * * ?",
        maxRuntime = "1h",
        paramsType = ConfigBackupParams.class)
public final class ConfigBackupJob
        implements NetcronJob
{
    private final Ipam ipam;
    private final SshClient ssh;
    private final GitClient git;
    private final Credentials credentials;

    @Inject
    public ConfigBackupJob(Ipam ipam, SshClient ssh, GitClient git, Credentials credentials)
    {
        this.ipam = requireNonNull(ipam, "ipam is null");
        this.ssh = requireNonNull(ssh, "ssh is null");
        this.git = requireNonNull(git, "git is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
    }

    @Override
    public JobResult execute(JobContext context)
            throws Exception
    {
        ConfigBackupParams params = context.params(ConfigBackupParams.class);
        List<NetworkDevice> devices = params.source().resolve(ipam, context.deadline());
        List<Pattern> extra = params.extraPatterns();
        CommittedChanges changes = new CommittedChanges();
        FanOutResult fanOut;
        try (GitWorkspace workspace = open(params, context.deadline())) {
            fanOut = params.fanOutSettings().over(devices, context, NetworkDevice::name)
                    .run((device, scope) -> backUp(device, scope, params, extra, workspace, context.runId(), changes, context::output));
            Map<String, Object> values = new LinkedHashMap<>(fanOut.toJobResult().values());
            values.put("dry_run", params.dryRun());
            values.put("repository", workspace.directory().toString());
            values.put("commits", (long) changes.entries.size());
            values.put("changed_devices", changes.sorted());
            if (params.push() && !params.dryRun()) {
                values.put("push", push(workspace, params, context.deadline(), values));
            }
            return fanOut.orFail(new JobResult(values));
        }
    }

    private GitWorkspace open(ConfigBackupParams params, Deadline deadline)
    {
        Path directory = Path.of(params.repository());
        if (params.remoteUrl().isEmpty()) {
            return git.open(directory);
        }
        return git.openOrClone(directory, params.remoteUrl(), pushCredential(params), deadline);
    }

    private TargetResult backUp(NetworkDevice device, TargetScope scope, ConfigBackupParams params, List<Pattern> extra,
            GitWorkspace workspace, long runId, CommittedChanges changes, java.util.function.Consumer<String> output)
            throws TargetException
    {
        if (device.host().isEmpty()) {
            return TargetResult.skipped("no primary IP address in NetBox");
        }
        Optional<DevicePlatform> platform = device.platform();
        if (platform.isEmpty()) {
            String why = "platform '" + device.platformSlug() + "' has no backup command (see platform_map)";
            if (device.ipamId().isPresent()) {
                return TargetResult.skipped(why);
            }
            throw new TargetException(Outcome.UNSUPPORTED, device.name() + ": " + why);
        }
        BackupCommands commands = BackupCommands.of(platform.get());
        String raw = fetch(device, platform.get(), commands, scope);
        List<Pattern> filters = new ArrayList<>(commands.volatileLines());
        filters.addAll(extra);
        String config = ConfigText.clean(device.name(), raw, filters, params.stripCertificates());
        String file = fileName(device.name());
        synchronized (workspace) {
            if (params.dryRun()) {
                return same(workspace, file, config)
                        ? TargetResult.unchanged()
                        : TargetResult.skipped("dry run: " + file + " would change");
            }
            workspace.write(file, config);
            GitCommit commit = workspace.commit("config-backup: " + device.name() + " (run " + runId + ")");
            if (!commit.changed()) {
                return TargetResult.unchanged();
            }
            changes.entries.add(new Change(device.name(), file, commit.commitId(), commit.diff().linesAdded(), commit.diff().linesRemoved()));
            output.accept(device.name() + ": committed " + commit.commitId().substring(0, 12) + " (+" + commit.diff().linesAdded() + " -" + commit.diff().linesRemoved() + ")");
            return TargetResult.changed(commit.commitId().substring(0, 12) + " " + commit.diff());
        }
    }

    private String fetch(NetworkDevice device, DevicePlatform platform, BackupCommands commands, TargetScope scope)
            throws TargetException
    {
        SshTarget target = SshTarget.of(device.host(), device.credential()).withPort(device.port()).withPagingOff(platform.pagingOff());
        try (DeviceShell shell = ssh.openShell(target, scope.deadline())) {
            try (var registration = scope.onCancel(shell)) {
                if (commands.needsEnable() && !shell.privileged()) {
                    shell.enable(scope.deadline());
                }
                return shell.send(commands.command(), scope.deadline());
            }
        }
    }

    private static boolean same(GitWorkspace workspace, String file, String config)
    {
        try {
            Path path = workspace.directory().resolve(file);
            return Files.isRegularFile(path) && Files.readString(path, StandardCharsets.UTF_8).equals(config);
        }
        catch (java.io.IOException e) {
            return false;
        }
    }

    private Map<String, Object> push(GitWorkspace workspace, ConfigBackupParams params, Deadline deadline, Map<String, Object> values)
            throws JobFailedException
    {
        try {
            GitPush push = workspace.push(pushCredential(params), deadline);
            return Map.of("remote", push.remote(), "branch", push.branch(), "status", push.status());
        }
        catch (GitException e) {
            values.put("push", Map.of("status", "FAILED", "error", e.getMessage()));
            throw new JobFailedException("configurations were committed but not pushed: " + e.getMessage(), new JobResult(values));
        }
    }

    private Optional<Credential> pushCredential(ConfigBackupParams params)
    {
        if (params.pushCredential().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(credentials.get(params.pushCredential()));
        }
        catch (CredentialException e) {
            throw new IllegalArgumentException("push_credential: " + e.getMessage());
        }
    }

    /** A file name from a device name: anything but letters, digits, dot, dash and underscore becomes {@code _}. */
    static String fileName(String device)
    {
        String safe = device.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.isEmpty() || safe.startsWith(".")) {
            safe = "_" + safe;
        }
        return safe + ".cfg";
    }

    record Change(String device, String file, String commit, int linesAdded, int linesRemoved) {}

    private static final class CommittedChanges
    {
        final ConcurrentLinkedQueue<Change> entries = new ConcurrentLinkedQueue<>();

        List<Map<String, Object>> sorted()
        {
            return entries.stream()
                    .sorted(Comparator.comparing(Change::device))
                    .<Map<String, Object>>map(change -> {
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("device", change.device());
                        entry.put("file", change.file());
                        entry.put("commit", change.commit());
                        entry.put("lines_added", change.linesAdded());
                        entry.put("lines_removed", change.linesRemoved());
                        return entry;
                    })
                    .toList();
        }
    }
}
