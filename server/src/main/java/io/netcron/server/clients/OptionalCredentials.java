package io.netcron.server.clients;

import com.google.inject.Binder;
import com.google.inject.multibindings.OptionalBinder;
import io.netcron.credentials.Credentials;

import java.util.Optional;

/**
 * Clients read their tokens from {@link Credentials} when they are used, not when they are made:
 * where no credential store is bound (yet), injection still works and a call fails naming the
 * credential it wanted.
 */
final class OptionalCredentials
{
    private static final Credentials NONE = new Credentials()
    {
        @Override
        public Optional<io.netcron.credentials.Credential> find(String name)
        {
            return Optional.empty();
        }

        @Override
        public String toString()
        {
            return "Credentials[none bound]";
        }
    };

    private OptionalCredentials() {}

    /** Lets {@code Optional<Credentials>} be injected; a module elsewhere binds the store with a plain {@code bind(Credentials.class)}. */
    static void declare(Binder binder)
    {
        OptionalBinder.newOptionalBinder(binder, Credentials.class);
    }

    static Credentials orNone(Optional<Credentials> credentials)
    {
        return credentials.orElse(NONE);
    }
}
