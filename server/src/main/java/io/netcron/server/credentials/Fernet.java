package io.netcron.server.credentials;

import io.netcron.credentials.CredentialException;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decoding of Fernet tokens (https://github.com/fernet/spec, Spec.md), as the Python framework's
 * {@code cryptography.fernet} wrote them: base64url of version 0x80, 8-byte big-endian timestamp,
 * 16-byte IV, AES-128-CBC ciphertext (PKCS7), HMAC-SHA256 over all of that. The key is base64url of
 * 32 bytes: signing key first, encryption key last. Only what netcron needs: decrypting an import.
 */
public final class Fernet
{
    static final byte VERSION = (byte) 0x80;
    private static final int HEADER = 1 + 8 + 16;
    private static final int HMAC = 32;
    private static final int BLOCK = 16;
    private static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);
    /** "gAAAAA": base64url of 0x80 and the high, still-zero bytes of a timestamp. */
    private static final Pattern TOKEN = Pattern.compile("gAAAAA[A-Za-z0-9_-]{90,}={0,2}");

    private Fernet() {}

    /** A Fernet key; never printed. */
    public static final class Key
    {
        private final byte[] signing;
        private final byte[] encryption;

        private Key(byte[] signing, byte[] encryption)
        {
            this.signing = signing;
            this.encryption = encryption;
        }

        /** The url-safe base64 encoding of 32 bytes, as {@code Fernet.generate_key()} makes it. */
        public static Key parse(String base64url)
        {
            byte[] raw;
            try {
                raw = Base64.getUrlDecoder().decode(base64url.trim());
            }
            catch (IllegalArgumentException e) {
                throw new CredentialException("the Fernet key is not url-safe base64");
            }
            if (raw.length != 32) {
                throw new CredentialException("the Fernet key must be 32 bytes in url-safe base64 (44 characters), got " + raw.length + " bytes");
            }
            return new Key(Arrays.copyOfRange(raw, 0, 16), Arrays.copyOfRange(raw, 16, 32));
        }

        byte[] signing()
        {
            return signing.clone();
        }

        byte[] encryption()
        {
            return encryption.clone();
        }

        @Override
        public String toString()
        {
            return "Fernet.Key[********]";
        }
    }

    /** Whether a value looks like a Fernet token (and so should be decrypted rather than taken as it is). */
    public static boolean looksLikeToken(String text)
    {
        return TOKEN.matcher(text.trim()).matches();
    }

    /** The token's plaintext, without a time-to-live check (the old framework's tokens never expired). */
    public static byte[] decrypt(String token, Key key)
    {
        return decrypt(token, key, Optional.empty(), Instant.now());
    }

    /** The token's plaintext; with {@code ttl}, also refuses tokens older than it or from the future (clock skew over 60 s). */
    public static byte[] decrypt(String token, Key key, Optional<Duration> ttl, Instant now)
    {
        byte[] data;
        try {
            data = Base64.getUrlDecoder().decode(token.trim());
        }
        catch (IllegalArgumentException e) {
            throw new CredentialException("not a Fernet token: not url-safe base64");
        }
        if (data.length < HEADER + BLOCK + HMAC || (data.length - HEADER - HMAC) % BLOCK != 0) {
            throw new CredentialException("not a Fernet token: wrong length");
        }
        if (data[0] != VERSION) {
            throw new CredentialException("not a Fernet token: unknown version");
        }
        int signedLength = data.length - HMAC;
        byte[] expected = hmac(key, data, signedLength);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(data, signedLength, data.length))) {
            throw new CredentialException("the Fernet token does not verify with this key: wrong key, or the token was altered");
        }
        long timestamp = ByteBuffer.wrap(data, 1, 8).getLong();
        if (ttl.isPresent()) {
            Instant issued = Instant.ofEpochSecond(timestamp);
            if (issued.isAfter(now.plus(MAX_CLOCK_SKEW))) {
                throw new CredentialException("the Fernet token's timestamp is in the future");
            }
            if (issued.plus(ttl.get()).isBefore(now)) {
                throw new CredentialException("the Fernet token has expired");
            }
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.encryption(), "AES"), new IvParameterSpec(data, 9, 16));
            return cipher.doFinal(data, HEADER, signedLength - HEADER);
        }
        catch (BadPaddingException | IllegalBlockSizeException e) {
            throw new CredentialException("the Fernet token's content is malformed (bad padding)");
        }
        catch (GeneralSecurityException e) {
            throw new CredentialException("cannot decrypt the Fernet token: " + e.getClass().getSimpleName());
        }
    }

    static byte[] hmac(Key key, byte[] data, int length)
    {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.signing(), "HmacSHA256"));
            mac.update(data, 0, length);
            return mac.doFinal();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
