package io.netcron.server.credentials;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.netcron.credentials.CredentialException;
import io.netcron.credentials.Secret;
import io.netcron.server.config.CredentialsConfig;
import io.netcron.server.config.DatabaseConfig;
import io.netcron.server.config.NodeConfig;
import io.netcron.server.config.Settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where the credential store's Tink keyset comes from: {@code NETCRON_KEYSET} (the keyset JSON), a
 * keyset file ({@code NETCRON_KEYSET_FILE}), or, on the embedded default, {@code credentials.keyset.json}
 * in the data directory. Never the database. A file is re-read when it changes, so a node follows
 * {@code netcron credentials rotate-key} run next to it.
 */
public final class KeysetSource
{
    static {
        try {
            AeadConfig.register();
        }
        catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Optional<Path> file;
    private final Optional<Secret> json;
    private final Optional<String> notConfigured;
    private Loaded loaded;

    private record Loaded(FileTime modified, long size, KeysetHandle handle) {}

    private KeysetSource(Optional<Path> file, Optional<Secret> json, Optional<String> notConfigured)
    {
        this.file = requireNonNull(file, "file is null");
        this.json = requireNonNull(json, "json is null");
        this.notConfigured = requireNonNull(notConfigured, "notConfigured is null");
    }

    public static KeysetSource from(CredentialsConfig credentials, DatabaseConfig database, NodeConfig node)
    {
        if (credentials.keysetJson().isPresent()) {
            return new KeysetSource(Optional.empty(), credentials.keysetJson().map(Secret::of), Optional.empty());
        }
        if (credentials.keysetFile().isPresent()) {
            return ofFile(credentials.keysetFile().get());
        }
        if (database.embedded()) {
            return ofFile(node.dataDirectory().resolve(CredentialsConfig.DEFAULT_KEYSET_FILE_NAME));
        }
        return new KeysetSource(Optional.empty(), Optional.empty(), Optional.of(
                "no credentials keyset is configured for the external database: set " + Settings.environmentName(CredentialsConfig.KEYSET_FILE_ALIAS)
                        + " to the keyset file (the first 'netcron credentials set' creates it if the store is empty) or "
                        + Settings.environmentName(CredentialsConfig.KEYSET_ALIAS) + " to the keyset JSON"));
    }

    public static KeysetSource ofFile(Path file)
    {
        return new KeysetSource(Optional.of(file.toAbsolutePath().normalize()), Optional.empty(), Optional.empty());
    }

    public static KeysetSource ofJson(String json)
    {
        return new KeysetSource(Optional.empty(), Optional.of(Secret.of(json)), Optional.empty());
    }

    /** The file this keyset is read from and written to, if it is a file. */
    public Optional<Path> file()
    {
        return file;
    }

    public boolean configured()
    {
        return notConfigured.isEmpty();
    }

    /** A {@link CredentialException} saying what to set, if no keyset is configured. */
    public void requireConfigured()
    {
        notConfigured.ifPresent(message -> {
            throw new CredentialException(message);
        });
    }

    /** Whether there is a keyset to read (a configured file may not exist yet). */
    public boolean exists()
    {
        return json.isPresent() || file.map(Files::isRegularFile).orElse(false);
    }

    /** The keyset; a {@link CredentialException} naming what is missing or wrong. */
    public synchronized KeysetHandle load()
    {
        requireConfigured();
        if (json.isPresent()) {
            if (loaded == null) {
                loaded = new Loaded(FileTime.fromMillis(0), 0, parse(json.get().reveal(), Settings.environmentName(CredentialsConfig.KEYSET_ALIAS)));
            }
            return loaded.handle();
        }
        Path path = file.orElseThrow();
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            long size = Files.size(path);
            if (loaded == null || !loaded.modified().equals(modified) || loaded.size() != size) {
                loaded = new Loaded(modified, size, parse(Files.readString(path, StandardCharsets.UTF_8), "keyset file " + path));
            }
            return loaded.handle();
        }
        catch (NoSuchFileException e) {
            throw new CredentialException("credentials keyset file " + path + " does not exist: restore it from your backup, or point "
                    + Settings.environmentName(CredentialsConfig.KEYSET_FILE_ALIAS) + " at it");
        }
        catch (IOException e) {
            throw new CredentialException("credentials keyset file " + path + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /** The keyset file; a {@link CredentialException} if the keyset comes from the environment, which netcron cannot rewrite. */
    public Path requireFile()
    {
        requireConfigured();
        return file.orElseThrow(() -> new CredentialException("the credentials keyset comes from " + Settings.environmentName(CredentialsConfig.KEYSET_ALIAS)
                + ", which netcron cannot rewrite: use a keyset file (" + Settings.environmentName(CredentialsConfig.KEYSET_FILE_ALIAS) + ") to rotate keys"));
    }

    /** A new keyset with one AES256-GCM key, written to the keyset file (mode 0600). Only where none exists. */
    public synchronized KeysetHandle create()
    {
        requireConfigured();
        if (exists()) {
            throw new IllegalStateException("keyset already exists");
        }
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            write(handle);
            return handle;
        }
        catch (GeneralSecurityException e) {
            throw new CredentialException("cannot generate a credentials keyset: " + e.getMessage());
        }
    }

    /** Replaces the keyset file atomically (a temporary file in the same directory, mode 0600, then a rename). */
    public synchronized void write(KeysetHandle handle)
    {
        Path path = requireFile();
        try {
            String text = TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
            Path directory = path.getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "." + path.getFileName(), ".tmp");
            try {
                setOwnerOnly(temporary);
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
                try {
                    Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            finally {
                Files.deleteIfExists(temporary);
            }
            loaded = new Loaded(Files.getLastModifiedTime(path), Files.size(path), handle);
        }
        catch (GeneralSecurityException | IOException e) {
            throw new CredentialException("cannot write the credentials keyset file " + path + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    private static void setOwnerOnly(Path path)
            throws IOException
    {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
        catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's protection applies
        }
    }

    private static KeysetHandle parse(String text, String what)
    {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(text, InsecureSecretKeyAccess.get());
        }
        catch (GeneralSecurityException | RuntimeException e) {
            throw new CredentialException(what + " is not a Tink keyset in JSON form");
        }
    }

    @Override
    public String toString()
    {
        return json.isPresent() ? "keyset from " + Settings.environmentName(CredentialsConfig.KEYSET_ALIAS)
                : file.map(path -> "keyset file " + path).orElse("no keyset configured");
    }
}
