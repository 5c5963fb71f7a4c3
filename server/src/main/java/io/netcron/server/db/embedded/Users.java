package io.netcron.server.db.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

// Which processes use an embedded server: each holds a shared lock on the data directory's
// .postgres.users while attached (the OS drops it when the process dies, kill -9 included). The one
// that leaves and then gets the lock exclusively is the last, and stops the server. Java file locks
// belong to the whole JVM, so the users within this JVM are counted here.
final class Users
{
    private static final String USERS_FILE = ".postgres.users";
    private static final Map<Path, Shared> SHARED = new HashMap<>();

    private Users() {}

    private static final class Shared
    {
        private final FileChannel channel;
        private final FileLock lock;
        private int count;

        private Shared(FileChannel channel, FileLock lock)
        {
            this.channel = channel;
            this.lock = lock;
        }
    }

    static synchronized void join(Path dataDirectory)
            throws IOException
    {
        Shared shared = SHARED.get(dataDirectory);
        if (shared == null) {
            FileChannel channel = open(dataDirectory);
            try {
                shared = new Shared(channel, channel.lock(0, 1, true));
            }
            catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            SHARED.put(dataDirectory, shared);
        }
        shared.count++;
    }

    static synchronized void leave(Path dataDirectory)
    {
        Shared shared = SHARED.get(dataDirectory);
        if (shared == null || --shared.count > 0) {
            return;
        }
        SHARED.remove(dataDirectory);
        try {
            shared.lock.release();
            shared.channel.close();
        }
        catch (IOException ignored) {
            // closing the channel releases the lock in any case
        }
    }

    /** True when no process (this JVM included) uses the server any more. */
    static synchronized boolean nobody(Path dataDirectory)
            throws IOException
    {
        if (SHARED.containsKey(dataDirectory)) {
            return false;
        }
        try (FileChannel channel = open(dataDirectory); FileLock exclusive = channel.tryLock(0, 1, false)) {
            return exclusive != null;
        }
    }

    private static FileChannel open(Path dataDirectory)
            throws IOException
    {
        return FileChannel.open(dataDirectory.resolve(USERS_FILE), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
}
