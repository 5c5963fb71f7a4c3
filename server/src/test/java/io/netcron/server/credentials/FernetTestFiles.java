package io.netcron.server.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A credential.ini as the Python framework left it: a key file, an INI with Fernet-token values, and the INI encrypted whole. */
public record FernetTestFiles(Path key, Path ini, Path encryptedIni)
{
    public static FernetTestFiles write(Path directory, String password, String token)
            throws IOException
    {
        Files.createDirectories(directory);
        String key = FernetTokens.newKey();
        String ini = """
                [ipam]
                token = %s

                [core-switches]
                username = netops
                password = %s
                """.formatted(FernetTokens.encrypt(key, token), FernetTokens.encrypt(key, password));
        String clearIni = "[core-switches]\nusername = netops\npassword = " + password + "\n\n[ipam]\ntoken = " + token + "\n";
        return save(directory, key, ini, FernetTokens.encrypt(key, clearIni));
    }

    /** The Fernet specification's generate/verify vector: its secret, IV and time, and its token for "hello". */
    public static final String SPEC_SECRET = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
    public static final String SPEC_HELLO_TOKEN = "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==";
    private static final byte[] SPEC_IV = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    private static final Instant SPEC_NOW = OffsetDateTime.parse("1985-10-26T01:20:00-07:00").toInstant();

    /**
     * A credential.ini made from the specification's vector: its key as the key file, {@code ipam}'s
     * token encrypted with the vector's IV and time, and {@code lab-switch}'s password the vector's own
     * token (so it decrypts to "hello").
     */
    public static FernetTestFiles fromSpecVector(Path directory, String ipamToken)
            throws IOException
    {
        Files.createDirectories(directory);
        String ini = """
                [ipam]
                token = %s

                [lab-switch]
                username = netops
                password = %s
                """.formatted(FernetTokens.encrypt(SPEC_SECRET, ipamToken.getBytes(StandardCharsets.UTF_8), SPEC_IV, SPEC_NOW), SPEC_HELLO_TOKEN);
        String clearIni = "[ipam]\ntoken = " + ipamToken + "\n\n[lab-switch]\nusername = netops\npassword = hello\n";
        return save(directory, SPEC_SECRET, ini, FernetTokens.encrypt(SPEC_SECRET, clearIni.getBytes(StandardCharsets.UTF_8), SPEC_IV, SPEC_NOW));
    }

    private static FernetTestFiles save(Path directory, String key, String ini, String encryptedIni)
            throws IOException
    {
        FernetTestFiles files = new FernetTestFiles(directory.resolve("fernet.key"), directory.resolve("credential.ini"), directory.resolve("credential.ini.enc"));
        Files.writeString(files.key(), key + "\n");
        Files.writeString(files.ini(), ini);
        Files.writeString(files.encryptedIni(), encryptedIni);
        return files;
    }

    public static String otherKey()
    {
        return FernetTokens.newKey();
    }
}
