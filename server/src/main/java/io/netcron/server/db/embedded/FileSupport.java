package io.netcron.server.db.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

// File operations shared by the layout, the binaries and the cluster.
final class FileSupport
{
    private static final Logger log = LoggerFactory.getLogger(FileSupport.class);

    private FileSupport() {}

    // a reader sees the old content or the new one, never half of it
    static void writeAtomically(Path target, String content, Set<PosixFilePermission> permissions)
            throws IOException
    {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        // created with its final mode, so a secret is never readable by others, not even for a moment
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(permissions));
        Files.writeString(temporary, content);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static boolean isPrivatelyOwnedDirectory(Path directory)
            throws IOException
    {
        if (!Files.isDirectory(directory, NOFOLLOW_LINKS)) {
            return false;
        }
        int mode = (int) Files.getAttribute(directory, "unix:mode", NOFOLLOW_LINKS);
        return (int) Files.getAttribute(directory, "unix:uid", NOFOLLOW_LINKS) == PostgresAccount.currentUid() && (mode & 0022) == 0;
    }

    static void deleteRecursively(Path root)
            throws IOException
    {
        if (!Files.exists(root, NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static void syncDirectory(Path directory)
    {
        // makes a rename in it durable, like initdb made its files
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
        catch (IOException e) {
            log.debug("Cannot fsync {}", directory, e);
        }
    }
}
