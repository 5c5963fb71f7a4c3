package io.netcron.server.credentials;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.netcron.credentials.CredentialException;

import java.security.GeneralSecurityException;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * {@code credentials rotate-key}: adds a new primary key to the keyset file, then re-encrypts every
 * stored credential with it, one row per transaction. The keyset is written (atomically) before any
 * row changes, and the old keys stay in it, so every ciphertext decrypts at every moment: before,
 * midway and after, and if the rotation is interrupted it can simply be run again.
 */
public final class KeyRotation
{
    private final CredentialStore store;

    public KeyRotation(CredentialStore store)
    {
        this.store = requireNonNull(store, "store is null");
    }

    public record Result(long newKeyId, int reencrypted, int keysInKeyset) {}

    public Result rotate()
    {
        return rotate(name -> {});
    }

    /** {@code afterEachRow} is told each re-encrypted credential's name (progress; tests look midway). */
    public Result rotate(Consumer<String> afterEachRow)
    {
        KeysetSource keysets = store.keysets();
        keysets.requireFile();
        CredentialRepository repository = store.repository();
        if (!keysets.exists() && !repository.isEmpty()) {
            throw new CredentialException("the " + keysets + " is missing but netcron.credential holds encrypted credentials: restore the keyset from your backup");
        }
        KeysetHandle current = keysets.exists() ? keysets.load() : keysets.create();
        // prove the keyset opens every row before anything is written: a wrong keyset changes nothing
        for (CredentialRepository.Row row : repository.list()) {
            CredentialCipher.decrypt(current, row.name(), row.ciphertext(), keysets.toString());
        }
        KeysetHandle rotated = withNewPrimary(current);
        keysets.write(rotated);
        store.forgetCached();
        int count = 0;
        for (String name : repository.list().stream().map(CredentialRepository.Row::name).toList()) {
            boolean done = repository.reencrypt(name, row -> CredentialCipher.encrypt(rotated, row.name(),
                    CredentialCipher.decrypt(rotated, row.name(), row.ciphertext(), keysets.toString())));
            if (done) {
                count++;
                afterEachRow.accept(name);
            }
        }
        store.forgetCached();
        return new Result(Integer.toUnsignedLong(rotated.getPrimary().getId()), count, rotated.size());
    }

    private static KeysetHandle withNewPrimary(KeysetHandle current)
    {
        try {
            return KeysetHandle.newBuilder(current)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary())
                    .build();
        }
        catch (GeneralSecurityException e) {
            throw new CredentialException("cannot add a new key to the credentials keyset: " + e.getMessage());
        }
    }
}
