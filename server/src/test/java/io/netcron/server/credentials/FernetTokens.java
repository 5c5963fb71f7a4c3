package io.netcron.server.credentials;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/** A Fernet encoder for tests only (netcron itself only decrypts): makes the old framework's files. */
final class FernetTokens
{
    private FernetTokens() {}

    static String newKey()
    {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getUrlEncoder().encodeToString(key);
    }

    static String encrypt(String key, String plaintext)
    {
        byte[] iv = new byte[16];
        new SecureRandom().nextBytes(iv);
        return encrypt(key, plaintext.getBytes(StandardCharsets.UTF_8), iv, Instant.now());
    }

    static String encrypt(String key, byte[] plaintext, byte[] iv, Instant now)
    {
        Fernet.Key parsed = Fernet.Key.parse(key);
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(parsed.encryption(), "AES"), new IvParameterSpec(iv));
            byte[] ciphertext = cipher.doFinal(plaintext);
            ByteBuffer token = ByteBuffer.allocate(1 + 8 + 16 + ciphertext.length + 32);
            token.put(Fernet.VERSION).putLong(now.getEpochSecond()).put(iv).put(ciphertext);
            token.put(Fernet.hmac(parsed, token.array(), token.position()));
            return Base64.getUrlEncoder().encodeToString(token.array());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
