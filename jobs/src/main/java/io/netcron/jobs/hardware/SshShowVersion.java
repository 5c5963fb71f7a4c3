package io.netcron.jobs.hardware;

import io.netcron.job.Deadline;
import io.netcron.ssh.DeviceShell;
import io.netcron.ssh.SshClient;
import io.netcron.ssh.SshTarget;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Any CLI device over SSH: the platform slug chooses the commands and the parser; others are UNSUPPORTED. */
final class SshShowVersion
        implements FactsReader
{
    private final SshClient ssh;

    SshShowVersion(SshClient ssh)
    {
        this.ssh = requireNonNull(ssh, "ssh is null");
    }

    @Override
    public HardwareFacts read(HwTarget target, Deadline deadline)
            throws TargetException
    {
        ShowVersion parser = ShowVersion.forPlatform(target.platform())
                .orElseThrow(() -> new TargetException(Outcome.UNSUPPORTED, target.name() + ": no show version parser for platform '" + target.platform() + "'"));
        SshTarget sshTarget = new SshTarget(target.host(), target.port(), Optional.of(target.credentialName()), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(parser.pagingOff()));
        List<String> outputs = new ArrayList<>();
        try (DeviceShell shell = ssh.openShell(sshTarget, deadline)) {
            for (String command : parser.commands()) {
                outputs.add(shell.send(command, deadline));
            }
        }
        HardwareFacts facts = parser.parse(outputs);
        if (facts.serialNumber().isEmpty() && facts.model().isEmpty()) {
            throw DeviceHttp.malformed(target, "'" + parser.commands().getFirst() + "' output has neither model nor serial number");
        }
        return facts;
    }
}
