package io.netcron.ssh;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * Where JSch's session thread writes a channel's output: bytes kept up to a limit, and a reader
 * that waits for new bytes or the end with a timeout (JSch's own piped streams offer no timed read).
 */
final class ChannelOutput
        extends OutputStream
{
    private final int maxBytes;
    private byte[] bytes = new byte[8192];
    private int size;
    private int taken;
    private boolean truncated;
    private boolean closed;

    ChannelOutput(int maxBytes)
    {
        this.maxBytes = maxBytes;
    }

    @Override
    public synchronized void write(int b)
    {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] data, int offset, int length)
    {
        int room = maxBytes - (size - taken);
        if (length > room) {
            truncated = true;
            length = Math.max(0, room);
        }
        if (size + length > bytes.length) {
            // drop what the reader took before growing
            byte[] grown = new byte[Math.max(bytes.length * 2, size - taken + length)];
            System.arraycopy(bytes, taken, grown, 0, size - taken);
            size -= taken;
            taken = 0;
            bytes = grown;
        }
        System.arraycopy(data, offset, bytes, size, length);
        size += length;
        notifyAll();
    }

    @Override
    public synchronized void close()
    {
        closed = true;
        notifyAll();
    }

    /** Bytes not taken yet, waiting up to {@code timeoutNanos} for some; empty on timeout or at the end. */
    synchronized byte[] take(long timeoutNanos)
            throws InterruptedException
    {
        long end = System.nanoTime() + timeoutNanos;
        while (size == taken && !closed) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return new byte[0];
            }
            wait(Math.max(1, left / 1_000_000));
        }
        byte[] chunk = Arrays.copyOfRange(bytes, taken, size);
        taken = size;
        return chunk;
    }

    /** Waits for the end of the output; false on timeout. */
    synchronized boolean awaitClosed(long timeoutNanos)
            throws InterruptedException
    {
        long end = System.nanoTime() + timeoutNanos;
        while (!closed) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    synchronized boolean isClosed()
    {
        return closed;
    }

    synchronized boolean truncated()
    {
        return truncated;
    }

    /** Everything not taken. */
    synchronized byte[] contents()
    {
        return Arrays.copyOfRange(bytes, taken, size);
    }
}
