package io.netcron.server.db.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

// One start at a time per data directory, across threads and processes: the second one then finds the
// server the first one started and attaches to it.
final class StartLock
{
    private static final String LOCK_FILE = ".postgres.lock";
    // FileLock guards against other JVMs only; threads of this JVM queue here first
    private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private StartLock() {}

    static <T> T holding(Path dataDirectory, Supplier<T> body)
    {
        Path lockFile = dataDirectory.resolve(LOCK_FILE);
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(dataDirectory, key -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            return body.get();
        }
        catch (IOException e) {
            throw new EmbeddedPostgresException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
        finally {
            jvmLock.unlock();
        }
    }
}
