package io.netcron.ssh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import static java.util.Objects.requireNonNull;

/**
 * A server's public host key as sent in the key exchange: {@code type} ({@code ssh-ed25519},
 * {@code ecdsa-sha2-nistp256}, ...) and the SSH public-key blob in base64, as in known_hosts.
 */
public record HostKey(String type, String base64)
{
    public HostKey
    {
        requireNonNull(type, "type is null");
        requireNonNull(base64, "base64 is null");
    }

    /** From the SSH wire blob, whose first field is the key type. */
    public static HostKey fromBlob(byte[] blob)
    {
        return new HostKey(typeOf(blob), Base64.getEncoder().encodeToString(blob));
    }

    public byte[] blob()
    {
        return Base64.getDecoder().decode(base64);
    }

    /** OpenSSH's form: {@code SHA256:} and the unpadded base64 of the blob's SHA-256. */
    public String fingerprint()
    {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob());
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String typeOf(byte[] blob)
    {
        if (blob.length >= 4) {
            int length = ByteBuffer.wrap(blob).getInt();
            if (length > 0 && length <= 64 && length <= blob.length - 4) {
                return new String(blob, 4, length, StandardCharsets.US_ASCII);
            }
        }
        return "unknown";
    }

    @Override
    public String toString()
    {
        return type + " " + fingerprint();
    }
}
