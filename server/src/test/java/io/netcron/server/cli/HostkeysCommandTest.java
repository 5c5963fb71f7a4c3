package io.netcron.server.cli;

import io.netcron.server.errors.UserException;

import io.netcron.server.cli.CliRunner.CliResult;
import io.netcron.server.ssh.DatabaseHostKeyStore;
import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.TestDatabase;
import io.netcron.ssh.HostKey;
import io.netcron.ssh.HostKeyStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code netcron hostkeys list|accept|forget} on a real database: what operators see and what changes. */
class HostkeysCommandTest
{
    private static final HostKey OLD = key(1);
    private static final HostKey NEW = key(2);

    @ClassDatabase
    private static TestDatabase database;
    private static HostKeyStore store;
    private static Path configFile;

    @TempDir
    static Path directory;

    @BeforeAll
    static void createStoreAndConfig()
            throws Exception
    {
        store = new DatabaseHostKeyStore(database.migratedPool());
        configFile = directory.resolve("cli.properties");
        Files.writeString(configFile, "db.url=" + database.plainUrl() + "\ndb.user=" + database.user()
                + database.password().map(password -> "\ndb.password=" + password).orElse("")
                + "\nnode.id=cli-test\ndata-dir=" + directory.resolve("cli") + "\n");
    }

    @BeforeEach
    void empty()
    {
        database.migratedPool().update("DELETE FROM netcron.ssh_host_key");
    }

    @Test
    void listSaysSoWhenNothingIsKnown()
    {
        assertThat(cli("hostkeys", "list")).isEqualTo(new CliResult(0, List.of("No SSH host keys known yet: the first connection to a host pins its key."), List.of()));
    }

    @Test
    void listShowsPinnedAndPendingFingerprints()
    {
        store.pin("edge1.example", 22, OLD);
        store.recordPending("edge1.example", 22, NEW);
        store.pin("10.0.0.1", 2222, NEW);

        CliResult result = cli("hostkeys", "list");

        assertThat(result.code()).isZero();
        assertThat(result.out()).hasSize(3);
        assertThat(result.out().get(0)).startsWith("HOST").contains("FINGERPRINT", "PENDING (REFUSED) KEY");
        assertThat(result.out().get(1)).startsWith("10.0.0.1:2222").contains("ssh-ed25519", NEW.fingerprint());
        assertThat(result.out().get(2)).startsWith("edge1.example:22").contains(OLD.fingerprint(), NEW.fingerprint());
    }

    @Test
    void acceptPinsThePendingKey()
    {
        store.pin("edge1.example", 22, OLD);
        store.recordPending("edge1.example", 22, NEW);

        CliResult result = cli("hostkeys", "accept", "edge1.example");

        assertThat(result).isEqualTo(new CliResult(0, List.of("Accepted " + NEW + " for edge1.example:22 in place of " + OLD.fingerprint()
                + "; all nodes use it from the next connection."), List.of()));
        assertThat(store.lookup("edge1.example", 22).orElseThrow().key()).contains(NEW);
        assertThat(store.lookup("edge1.example", 22).orElseThrow().pending()).isEmpty();
    }

    @Test
    void acceptWithNothingPendingIsAUserError()
    {
        store.pin("edge1.example", 830, OLD);

        assertThat(cli("hostkeys", "accept", "edge1.example:830")).isEqualTo(new CliResult(2,
                List.of(), List.of("netcron: no refused key waiting for edge1.example:830; its pinned key is " + OLD.fingerprint())));
        assertThat(cli("hostkeys", "accept", "unknown.example")).isEqualTo(new CliResult(2,
                List.of(), List.of("netcron: no host key known for unknown.example:22 (see 'netcron hostkeys list')")));
    }

    @Test
    void forgetDropsTheHost()
    {
        store.pin("::1", 2222, OLD);

        assertThat(cli("hostkeys", "forget", "[::1]:2222")).isEqualTo(new CliResult(0,
                List.of("Forgot the host key of [::1]:2222; the next connection pins the key it presents."), List.of()));
        assertThat(store.lookup("::1", 2222)).isEmpty();
        assertThat(cli("hostkeys", "forget", "[::1]:2222").code()).isEqualTo(2);
    }

    @Test
    void badPortIsAUserError()
    {
        assertThat(cli("hostkeys", "forget", "edge1:99999")).isEqualTo(new CliResult(2,
                List.of(), List.of("netcron: '99999' in 'edge1:99999' is not a port (1-65535)")));
    }

    @Test
    void hostPortForms()
    {
        assertThat(HostkeysCommand.HostPort.parse("edge1")).isEqualTo(new HostkeysCommand.HostPort("edge1", 22));
        assertThat(HostkeysCommand.HostPort.parse("edge1:2222")).isEqualTo(new HostkeysCommand.HostPort("edge1", 2222));
        assertThat(HostkeysCommand.HostPort.parse("[2001:db8::1]:830")).isEqualTo(new HostkeysCommand.HostPort("2001:db8::1", 830));
        assertThat(HostkeysCommand.HostPort.parse("2001:db8::1")).isEqualTo(new HostkeysCommand.HostPort("2001:db8::1", 22));
        assertThatThrownBy(() -> HostkeysCommand.HostPort.parse("[2001:db8::1")).isInstanceOf(UserException.class);
    }

    private static HostKey key(int seed)
    {
        byte[] name = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer blob = ByteBuffer.allocate(4 + name.length + 4 + 32).putInt(name.length).put(name).putInt(32);
        for (int i = 0; i < 32; i++) {
            blob.put((byte) (seed * 7 + i));
        }
        return HostKey.fromBlob(blob.array());
    }

    private static CliResult cli(String... arguments)
    {
        return CliRunner.run(configFile, arguments);
    }
}
