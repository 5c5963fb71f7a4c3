package io.netcron.server.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        FernetTestFiles files = new FernetTestFiles(directory.resolve("fernet.key"), directory.resolve("credential.ini"), directory.resolve("credential.ini.enc"));
        Files.writeString(files.key(), key + "\n");
        Files.writeString(files.ini(), ini);
        Files.writeString(files.encryptedIni(), FernetTokens.encrypt(key, clearIni));
        return files;
    }

    public static String otherKey()
    {
        return FernetTokens.newKey();
    }
}
