package io.netcron.server.cli;

import io.netcron.server.progress.RunProgress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressDisplayTest
{
    private final RunProgress progress = new RunProgress(RunProgress.ProgressWriter.NONE);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void plainLinesOnlyWhenTheProgressChanged()
    {
        try (RunProgress.Tracked run = progress.track("inventory", 1);
                ProgressDisplay display = new ProgressDisplay(progress, "inventory", err, false)) {
            run.report(250, 1000);
            display.show();
            display.show();
            run.report(1000, 1000);
            display.show();
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                netcron: inventory progress 250/1000 (25%)
                netcron: inventory progress 1000/1000 (100%)
                """);
    }

    @Test
    void onATerminalABarIsRedrawnInPlaceAndEndedWithANewline()
    {
        try (RunProgress.Tracked run = progress.track("inventory", 1);
                ProgressDisplay display = new ProgressDisplay(progress, "inventory", err, true)) {
            run.report(1, 2);
            display.show();
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("\r[###############...............] 1/2 (50%) inventory   \n");
    }
}
