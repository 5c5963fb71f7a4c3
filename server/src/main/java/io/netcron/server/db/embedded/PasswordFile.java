package io.netcron.server.db.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.util.Objects.requireNonNull;

// The password of the superuser 'netcron', in a file of netcron's data directory that only the JVM's user
// reads (mode 0600). PostgreSQL's own account never needs it: the server keeps only a SCRAM verifier.
final class PasswordFile
{
    private static final Logger log = LoggerFactory.getLogger(PasswordFile.class);

    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;

    PasswordFile(Path file)
    {
        this.file = requireNonNull(file, "file is null");
    }

    // 256 random bits; URL-safe characters, so the password fits in a JDBC URL without escaping
    static String generate()
    {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // empty when there is none yet, or only an empty file left by a crash while writing it
    Optional<String> read()
            throws IOException
    {
        String content;
        try {
            content = Files.readString(file).strip();
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (Files.getPosixFilePermissions(file, NOFOLLOW_LINKS).stream().anyMatch(permission -> !permission.name().startsWith("OWNER_"))) {
            log.warn("{} was readable or writable by others; making it private to its owner (mode 0600)", file);
            Files.setPosixFilePermissions(file, PRIVATE_FILE);
        }
        return content.isEmpty() ? Optional.empty() : Optional.of(content);
    }

    void write(String password)
            throws IOException
    {
        requireNonNull(password, "password is null");
        FileSupport.writeAtomically(file, password + "\n", PRIVATE_FILE);
    }

    @Override
    public String toString()
    {
        return file.toString();
    }
}
