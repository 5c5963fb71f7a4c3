package io.netcron.credentials;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Where jobs and clients get secrets by name. The node's implementation reads the encrypted store
 * ({@code netcron.credential}) shared by every node; tests use {@link #of(Map)}.
 */
public interface Credentials
{
    Optional<Credential> find(String name);

    /** The credential, or a {@link CredentialException} that names it. */
    default Credential get(String name)
    {
        return find(name).orElseThrow(() -> new CredentialException("unknown credential '" + name + "': store it with 'netcron credentials set " + name + "'"));
    }

    /** Fixed credentials, for tests and for {@code netcron run} without a store. */
    static Credentials of(Map<String, Credential> credentials)
    {
        Map<String, Credential> copy = Map.copyOf(credentials);
        return new Credentials()
        {
            @Override
            public Optional<Credential> find(String name)
            {
                return Optional.ofNullable(copy.get(name));
            }

            @Override
            public String toString()
            {
                return "Credentials" + new TreeSet<>(copy.keySet());
            }
        };
    }
}
