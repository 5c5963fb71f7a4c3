package io.netcron.ssh;

import io.netcron.credentials.Credential;
import io.netcron.credentials.Credentials;
import io.netcron.target.TargetException;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Targets, clients and credentials for the tests against {@link FakeDevice}. */
final class SshTesting
{
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private SshTesting() {}

    static Credential login()
    {
        return FakeDevice.login("edge-login");
    }

    static SshTarget target(FakeDevice device, Credential credential)
    {
        return SshTarget.of("127.0.0.1", credential).withPort(device.port());
    }

    /** A call to the device that may throw a {@link TargetException}. */
    @FunctionalInterface
    interface DeviceCall<T>
    {
        T call()
                throws TargetException;
    }

    /** Runs {@code call} on another thread; a {@link TargetException} comes back as the future's cause. */
    static <T> CompletableFuture<T> inBackground(DeviceCall<T> call)
    {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            }
            catch (TargetException e) {
                throw new CompletionException(e);
            }
        });
    }

    static SshClient client(HostKeyStore store)
    {
        return client(store, SshSettings.defaults().withTimeouts(CONNECT_TIMEOUT, COMMAND_TIMEOUT));
    }

    static SshClient client(HostKeyStore store, SshSettings settings)
    {
        return new SshClient(settings, Credentials.of(Map.of("edge-login", login())), store);
    }
}
