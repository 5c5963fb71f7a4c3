package io.netcron.ssh;

import io.netcron.credentials.Credential;
import io.netcron.credentials.Credentials;
import io.netcron.credentials.Secret;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Targets, clients and credentials for the tests against {@link FakeDevice}. */
final class SshTesting
{
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private SshTesting() {}

    static Credential login()
    {
        Map<String, Secret> fields = new LinkedHashMap<>();
        fields.put(Credential.USERNAME, Secret.of(FakeDevice.USER));
        fields.put(Credential.PASSWORD, Secret.of(FakeDevice.PASSWORD));
        fields.put(Credential.ENABLE, Secret.of(FakeDevice.ENABLE_SECRET));
        return new Credential("edge-login", fields);
    }

    static SshTarget target(FakeDevice device, Credential credential)
    {
        return SshTarget.of("127.0.0.1", credential).withPort(device.port());
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
