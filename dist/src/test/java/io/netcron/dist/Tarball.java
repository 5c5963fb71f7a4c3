package io.netcron.dist;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The release tarball: its entries (path to mode) and unpacking with file modes kept, as {@code tar -xzf} does. */
final class Tarball
{
    private Tarball() {}

    /** Entry name (without the leading {@code netcron-<version>/}) to its mode; directories end with a slash. */
    static Map<String, Integer> entries(Path tarball)
    {
        Map<String, Integer> entries = new LinkedHashMap<>();
        read(tarball, (entry, input) -> entries.put(withoutBase(entry.getName()), entry.getMode()));
        return entries;
    }

    /** Unpacks into {@code directory} and returns the base directory ({@code netcron-<version>}). */
    static Path unpack(Path tarball, Path directory)
    {
        read(tarball, (entry, input) -> {
            Path target = directory.resolve(entry.getName()).normalize();
            if (!target.startsWith(directory)) {
                throw new IOException("entry outside the directory: " + entry.getName());
            }
            if (entry.isDirectory()) {
                Files.createDirectories(target);
                return;
            }
            Files.createDirectories(target.getParent());
            Files.copy(input, target);
            Files.setPosixFilePermissions(target, permissions(entry.getMode()));
        });
        try (var children = Files.list(directory)) {
            return children.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean executable(int mode)
    {
        return (mode & 0111) == 0111;
    }

    private static String withoutBase(String name)
    {
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }

    private static Set<PosixFilePermission> permissions(int mode)
    {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(order[bit]);
            }
        }
        return permissions;
    }

    private interface EntryReader
    {
        void read(TarArchiveEntry entry, InputStream input)
                throws IOException;
    }

    private static void read(Path tarball, EntryReader reader)
    {
        try (TarArchiveInputStream input = new TarArchiveInputStream(new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(tarball))))) {
            for (TarArchiveEntry entry = input.getNextEntry(); entry != null; entry = input.getNextEntry()) {
                reader.read(entry, input);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
