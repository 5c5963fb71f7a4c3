package io.netcron.ssh;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What a device's terminal output reads as: bytes decoded across chunk boundaries, backspaces
 * applied (pagers erase themselves with them), a bare carriage return rewriting its line, ANSI
 * escape sequences and other control characters dropped. Line ends become {@code \n}.
 */
final class TerminalText
{
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final StringBuilder text = new StringBuilder();
    private ByteBuffer leftover = ByteBuffer.allocate(0);
    private int escape; // 0 none, 1 after ESC, 2 inside ESC [ ... final byte
    private boolean carriageReturn;
    private final int maxChars;

    TerminalText(int maxChars)
    {
        this.maxChars = maxChars;
    }

    void append(byte[] bytes)
    {
        ByteBuffer in = ByteBuffer.allocate(leftover.remaining() + bytes.length).put(leftover).put(bytes).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        leftover = ByteBuffer.allocate(in.remaining()).put(in).flip();
        out.flip();
        for (int i = 0; i < out.length(); i++) {
            append(out.charAt(i));
        }
        if (text.length() > maxChars) {
            text.delete(0, text.length() - maxChars);
        }
    }

    private void append(char c)
    {
        if (escape == 1) {
            escape = c == '[' ? 2 : 0;
            return;
        }
        if (escape == 2) {
            if (c >= 0x40 && c <= 0x7e) {
                escape = 0;
            }
            return;
        }
        if (carriageReturn && c != '\n' && c != '\r') {
            // "\r" not followed by a line end: the terminal returns to the line's start and overwrites it
            clearLine();
        }
        carriageReturn = false;
        switch (c) {
            case '\u001b' -> escape = 1;
            case '\r' -> carriageReturn = true;
            case '\b' -> {
                if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
                    text.setLength(text.length() - 1);
                }
            }
            case '\n', '\t' -> text.append(c);
            default -> {
                if (c >= ' ' && c != 0x7f) {
                    text.append(c);
                }
            }
        }
    }

    /** The text after the last line end: where a prompt or a pager shows. */
    String lastLine()
    {
        return text.substring(text.lastIndexOf("\n") + 1);
    }

    void clearLine()
    {
        text.setLength(text.lastIndexOf("\n") + 1);
    }

    String text()
    {
        return text.toString();
    }

    void clear()
    {
        text.setLength(0);
        carriageReturn = false;
    }
}
