package io.netcron.jobs.backup;

import io.netcron.jobs.discovery.DevicePlatform;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigTextTest
{
    @Test
    void nxosTimestampsAreDropped()
            throws TargetException
    {
        String raw = "!Command: show running-config\n!Running configuration last done at: Mon Nov 30 10:00:00 2026\n!Time: Mon Nov 30 10:05:00 2026\n\nversion 10.3(4a)\nhostname nx1\nfeature bgp\n";

        assertThat(ConfigText.clean("nx1", raw, BackupCommands.of(DevicePlatform.NXOS).volatileLines(), false))
                .isEqualTo("version 10.3(4a)\nhostname nx1\nfeature bgp\n");
    }

    @Test
    void certificateBodiesAreFoldedWhenAskedAndKeptOtherwise()
            throws TargetException
    {
        String raw = """
                hostname edge1
                crypto pki certificate chain TP-self-signed-1
                 certificate self-signed 01
                  3082022B 30820194 A0030201 02020101 300D0609 2A864886 F70D0101 05050030
                  31312F30 2D060355 04031326 494F532D 53656C66 2D536967 6E65642D 43657274
                  \tquit
                end""";

        String folded = ConfigText.clean("edge1", raw, List.of(), true);
        String kept = ConfigText.clean("edge1", raw, List.of(), false);

        assertThat(folded).contains(" certificate self-signed 01\n" + ConfigText.CERTIFICATE_OMITTED + "\n").doesNotContain("3082022B");
        assertThat(kept).contains("3082022B");
    }

    @Test
    void aJunosSyntaxErrorIsAParseError()
    {
        TargetException error = catchThrowableOfType(TargetException.class,
                () -> ConfigText.clean("core2", "                 ^\nsyntax error.\n", List.of(), false));

        assertThat(error.outcome()).isEqualTo(Outcome.PARSE_ERROR);
    }

    @Test
    void nearlyEmptyOutputIsNotTakenForAConfiguration()
    {
        TargetException error = catchThrowableOfType(TargetException.class, () -> ConfigText.clean("edge1", "\n\nend\n", List.of(), false));

        assertThat(error.outcome()).isEqualTo(Outcome.PARSE_ERROR);
    }

    @Test
    void fileNamesCannotLeaveTheRepository()
    {
        assertThat(ConfigBackupJob.fileName("../etc/passwd")).isEqualTo("_.._etc_passwd.cfg");
        assertThat(ConfigBackupJob.fileName("edge1.fra1")).isEqualTo("edge1.fra1.cfg");
    }
}
