package io.netcron.server.isolation;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A child's output is read a bounded line at a time: one huge line cannot exhaust the node's heap. */
class BoundedLineReaderTest
{
    @Test
    void linesAreReadWithoutTheirLineBreaks()
            throws IOException
    {
        Reader reader = new StringReader("first\r\nsecond\n\nlast");
        assertThat(BoundedLineReader.readLine(reader, 100)).isEqualTo("first");
        assertThat(BoundedLineReader.readLine(reader, 100)).isEqualTo("second");
        assertThat(BoundedLineReader.readLine(reader, 100)).isEmpty();
        assertThat(BoundedLineReader.readLine(reader, 100)).isEqualTo("last");
        assertThat(BoundedLineReader.readLine(reader, 100)).isNull();
    }

    @Test
    void aHugeLineKeepsOnlyItsStartAndTheNextLineIsReadWhole()
            throws IOException
    {
        // 50 million characters without a line break, generated as they are read: nothing holds them all
        Reader huge = new Reader()
        {
            private long left = 50_000_000;
            private boolean newlineSent;
            private final Reader tail = new StringReader("next line\n");

            @Override
            public int read(char[] buffer, int offset, int length)
                    throws IOException
            {
                if (left > 0) {
                    int count = (int) Math.min(length, left);
                    Arrays.fill(buffer, offset, offset + count, 'x');
                    left -= count;
                    return count;
                }
                if (!newlineSent) {
                    newlineSent = true;
                    buffer[offset] = '\n';
                    return 1;
                }
                return tail.read(buffer, offset, length);
            }

            @Override
            public void close() {}
        };
        BufferedReader reader = new BufferedReader(huge);

        String first = BoundedLineReader.readLine(reader, 1_000);
        assertThat(first).startsWith("x".repeat(1_000) + " ... (line cut: ").endsWith("49999000 more characters dropped)");
        assertThat(BoundedLineReader.readLine(reader, 1_000)).isEqualTo("next line");
    }
}
