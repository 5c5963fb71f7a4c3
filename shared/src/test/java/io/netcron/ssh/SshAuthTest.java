package io.netcron.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import io.netcron.credentials.Credential;
import io.netcron.credentials.Secret;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.netcron.ssh.SshTesting.client;
import static io.netcron.ssh.SshTesting.login;
import static io.netcron.ssh.SshTesting.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SshAuthTest
{
    private final SshClient client = client(new InMemoryHostKeyStore());

    @Test
    void passwordLogin()
            throws Exception
    {
        try (FakeDevice device = FakeDevice.builder().start()) {
            assertThat(client.exec(target(device, login()), "echo password", Deadline.none()).stdout()).isEqualTo("password\n");
        }
    }

    @Test
    void keyboardInteractiveLoginAnswersWithThePassword()
            throws Exception
    {
        try (FakeDevice device = FakeDevice.builder().keyboardInteractiveOnly().start()) {
            assertThat(client.exec(target(device, login()), "echo keyboard", Deadline.none()).stdout()).isEqualTo("keyboard\n");
        }
    }

    @Test
    void publicKeyLoginWithAPassphraseProtectedKey()
            throws Exception
    {
        KeyPair key = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
        Credential credential = keyCredential(key, "key-passphrase");
        try (FakeDevice device = FakeDevice.builder().authorizedKey(key.getPublicKeyBlob()).keyboardInteractiveOnly().start()) {
            assertThat(client.exec(target(device, credential), "echo key", Deadline.none()).stdout()).isEqualTo("key\n");
        }
    }

    @Test
    void keyTheDeviceDoesNotKnowIsAuthFailed()
            throws Exception
    {
        KeyPair authorized = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
        KeyPair other = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
        try (FakeDevice device = FakeDevice.builder().authorizedKey(authorized.getPublicKeyBlob()).start()) {
            TargetException failure = catchThrowableOfType(TargetException.class,
                    () -> client.exec(target(device, keyCredential(other, "key-passphrase")), "echo key", Deadline.none()));

            assertThat(failure.outcome()).isEqualTo(Outcome.AUTH_FAILED);
        }
    }

    @Test
    void wrongPassphraseIsAuthFailedWithoutTheSecretInTheMessage()
            throws JSchException
    {
        KeyPair key = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
        Credential credential = new Credential("edge-key", Map.of(
                Credential.USERNAME, Secret.of(FakeDevice.USER),
                Credential.PRIVATE_KEY, Secret.of(privateKey(key, "key-passphrase")),
                Credential.PASSPHRASE, Secret.of("wrong-passphrase")));

        TargetException failure = catchThrowableOfType(TargetException.class,
                () -> client.exec(SshTarget.of("127.0.0.1", credential).withPort(1), "echo key", Deadline.none()));

        assertThat(failure.outcome()).isEqualTo(Outcome.AUTH_FAILED);
        assertThat(failure.getMessage())
                .isEqualTo("credential 'edge-key': the private key cannot be read (wrong passphrase or unsupported format)")
                .doesNotContain("wrong-passphrase");
    }

    private static Credential keyCredential(KeyPair key, String passphrase)
    {
        return new Credential("edge-key", Map.of(
                Credential.USERNAME, Secret.of(FakeDevice.USER),
                Credential.PRIVATE_KEY, Secret.of(privateKey(key, passphrase)),
                Credential.PASSPHRASE, Secret.of(passphrase)));
    }

    private static String privateKey(KeyPair key, String passphrase)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        key.writePrivateKey(out, passphrase.getBytes(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

}
