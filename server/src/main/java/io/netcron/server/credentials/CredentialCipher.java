package io.netcron.server.credentials;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import io.netcron.credentials.CredentialException;
import io.netcron.credentials.Secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A credential's fields as one AEAD ciphertext: the JSON object field -> value, encrypted with the
 * keyset's primary key and the credential's name as associated data, so a ciphertext moved to
 * another name does not decrypt. Tink prefixes the key id, so older keys still decrypt after a rotation.
 */
final class CredentialCipher
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> FIELDS = new TypeReference<>() {};

    private CredentialCipher() {}

    record Sealed(byte[] ciphertext, long keyId) {}

    static Sealed encrypt(KeysetHandle keyset, String name, Map<String, Secret> fields)
    {
        Map<String, String> clear = new LinkedHashMap<>();
        fields.forEach((field, value) -> clear.put(field, value.reveal()));
        byte[] plaintext;
        try {
            plaintext = MAPPER.writeValueAsBytes(clear);
        }
        catch (JsonProcessingException e) {
            throw new CredentialException("credential '" + name + "' cannot be serialized");
        }
        try {
            byte[] ciphertext = aead(keyset).encrypt(plaintext, associatedData(name));
            return new Sealed(ciphertext, Integer.toUnsignedLong(keyset.getPrimary().getId()));
        }
        catch (GeneralSecurityException e) {
            throw new CredentialException("credential '" + name + "' cannot be encrypted: " + e.getClass().getSimpleName());
        }
        finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    static Map<String, Secret> decrypt(KeysetHandle keyset, String name, byte[] ciphertext, String keysetDescription)
    {
        byte[] plaintext;
        try {
            plaintext = aead(keyset).decrypt(ciphertext, associatedData(name));
        }
        catch (GeneralSecurityException e) {
            // Tink does not say which; all three mean the same to an operator
            throw new CredentialException("credential '" + name + "' cannot be decrypted with the " + keysetDescription
                    + ": wrong keyset, or its stored ciphertext was altered or copied from another credential");
        }
        try {
            Map<String, String> clear = MAPPER.readValue(plaintext, FIELDS);
            Map<String, Secret> fields = new LinkedHashMap<>();
            clear.forEach((field, value) -> fields.put(field, Secret.of(value)));
            return fields;
        }
        catch (IOException e) {
            throw new CredentialException("credential '" + name + "' decrypts to something that is not a JSON object of fields");
        }
        finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static Aead aead(KeysetHandle keyset)
            throws GeneralSecurityException
    {
        return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    private static byte[] associatedData(String name)
    {
        return ("netcron.credential:" + name).getBytes(StandardCharsets.UTF_8);
    }
}
