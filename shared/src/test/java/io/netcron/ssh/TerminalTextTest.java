package io.netcron.ssh;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTest
{
    @Test
    void backspacesEraseWhatTheyFollow()
    {
        assertThat(text("abc --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\bdef\bx")).isEqualTo("abcdex");
    }

    @Test
    void bareCarriageReturnRewritesTheLine()
    {
        assertThat(text("one\r\n-- MORE --\r           \rtwo\r\n")).isEqualTo("one\ntwo\n");
    }

    @Test
    void ansiEscapesAreDropped()
    {
        assertThat(text("\u001b[7m--More--\u001b[m\u001b[K ok")).isEqualTo("--More-- ok");
    }

    @Test
    void multiByteCharactersSplitAcrossChunksSurvive()
    {
        byte[] bytes = "Grüße".getBytes(StandardCharsets.UTF_8);
        TerminalText text = new TerminalText(1000);
        text.append(java.util.Arrays.copyOfRange(bytes, 0, 3));
        text.append(java.util.Arrays.copyOfRange(bytes, 3, bytes.length));

        assertThat(text.text()).isEqualTo("Grüße");
    }

    @Test
    void pagerPatternKnowsTheCommonPagers()
    {
        assertThat(DeviceShell.PAGER.matcher("--More--").matches()).isTrue();
        assertThat(DeviceShell.PAGER.matcher(" --More-- ").matches()).isTrue();
        assertThat(DeviceShell.PAGER.matcher("-- MORE --, next page: Space, next line: Enter, quit: Control-C").matches()).isTrue();
        assertThat(DeviceShell.PAGER.matcher("---(more 14%)---").matches()).isTrue();
        assertThat(DeviceShell.PAGER.matcher("<--- More --->").matches()).isTrue();
        assertThat(DeviceShell.PAGER.matcher("Press any key to continue (Q to quit)").matches()).isTrue();
        assertThat(DeviceShell.PAGER.matcher("edge1>").matches()).isFalse();
        assertThat(DeviceShell.PAGER.matcher("more interfaces follow").matches()).isFalse();
    }

    @Test
    void genericPromptKnowsTheCommonPrompts()
    {
        assertThat(DeviceShell.GENERIC_PROMPT.matcher("router1>").matches()).isTrue();
        assertThat(DeviceShell.GENERIC_PROMPT.matcher("router1#").matches()).isTrue();
        assertThat(DeviceShell.GENERIC_PROMPT.matcher("user@host> ").matches()).isTrue();
        assertThat(DeviceShell.GENERIC_PROMPT.matcher("* edge1: authorized access only! *").matches()).isFalse();
    }

    private static String text(String raw)
    {
        TerminalText text = new TerminalText(1000);
        text.append(raw.getBytes(StandardCharsets.UTF_8));
        return text.text();
    }
}
