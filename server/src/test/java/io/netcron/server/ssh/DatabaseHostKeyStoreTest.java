package io.netcron.server.ssh;

import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.TestDatabase;
import io.netcron.ssh.HostKey;
import io.netcron.ssh.PinnedHostKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseHostKeyStoreTest
{
    @ClassDatabase
    private static TestDatabase database;
    private static DatabaseHostKeyStore store;

    @BeforeAll
    static void createStore()
    {
        store = new DatabaseHostKeyStore(database.migratedPool());
    }

    @Test
    void pinnedKeyIsFoundWithItsFingerprint()
    {
        HostKey key = key("ssh-ed25519", 1);
        store.pin("edge1.example", 22, key);

        PinnedHostKey pinned = store.lookup("edge1.example", 22).orElseThrow();

        assertThat(pinned.key()).contains(key);
        assertThat(pinned.pending()).isEmpty();
        assertThat(database.migratedPool().queryOne("SELECT fingerprint FROM netcron.ssh_host_key WHERE host = 'edge1.example'", row -> row.getString(1)))
                .contains(key.fingerprint());
        assertThat(store.lookup("edge1.example", 2222)).isEmpty();
    }

    @Test
    void aSecondPinDoesNotReplaceThePinnedKey()
    {
        HostKey first = key("ssh-ed25519", 2);
        store.pin("edge2.example", 22, first);

        store.pin("edge2.example", 22, key("ssh-ed25519", 3));

        assertThat(store.lookup("edge2.example", 22).orElseThrow().key()).contains(first);
    }

    @Test
    void pendingKeyIsKeptBesideThePinnedOneUntilAccepted()
    {
        HostKey pinned = key("ecdsa-sha2-nistp256", 4);
        HostKey presented = key("ecdsa-sha2-nistp256", 5);
        store.pin("edge3.example", 830, pinned);
        store.recordPending("edge3.example", 830, presented);

        PinnedHostKey before = store.lookup("edge3.example", 830).orElseThrow();
        assertThat(before.key()).contains(pinned);
        assertThat(before.pending()).contains(presented);
        assertThat(before.pendingSeen()).isPresent();

        assertThat(store.accept("edge3.example", 830)).isTrue();

        PinnedHostKey after = store.lookup("edge3.example", 830).orElseThrow();
        assertThat(after.key()).contains(presented);
        assertThat(after.pending()).isEmpty();
        assertThat(after.pendingSeen()).isEmpty();
    }

    @Test
    void acceptWithoutAPendingKeyChangesNothing()
    {
        HostKey pinned = key("ssh-rsa", 6);
        store.pin("edge4.example", 22, pinned);

        assertThat(store.accept("edge4.example", 22)).isFalse();
        assertThat(store.accept("nowhere.example", 22)).isFalse();
        assertThat(store.lookup("edge4.example", 22).orElseThrow().key()).contains(pinned);
    }

    @Test
    void strictPolicyRowHoldsOnlyAPendingKeyUntilAccepted()
    {
        HostKey presented = key("ssh-ed25519", 7);
        store.recordPending("edge5.example", 22, presented);

        assertThat(store.lookup("edge5.example", 22).orElseThrow().key()).isEmpty();
        assertThat(store.accept("edge5.example", 22)).isTrue();
        assertThat(store.lookup("edge5.example", 22).orElseThrow().key()).contains(presented);
    }

    @Test
    void forgetDropsTheHost()
    {
        store.pin("edge6.example", 22, key("ssh-ed25519", 8));

        assertThat(store.forget("edge6.example", 22)).isTrue();
        assertThat(store.forget("edge6.example", 22)).isFalse();
        assertThat(store.lookup("edge6.example", 22)).isEmpty();
    }

    @Test
    void seenMovesLastSeenOnly()
    {
        store.pin("edge7.example", 22, key("ssh-ed25519", 9));
        database.migratedPool().update("UPDATE netcron.ssh_host_key SET last_seen = now() - interval '1 day', first_seen = now() - interval '2 days' WHERE host = 'edge7.example'");
        PinnedHostKey before = store.lookup("edge7.example", 22).orElseThrow();

        store.seen("edge7.example", 22);

        PinnedHostKey after = store.lookup("edge7.example", 22).orElseThrow();
        assertThat(after.lastSeen()).isAfter(before.lastSeen());
        assertThat(after.firstSeen()).isEqualTo(before.firstSeen());
    }

    @Test
    void listIsOrderedByHostAndPort()
    {
        store.pin("zz-list.example", 22, key("ssh-ed25519", 10));
        store.pin("zz-list.example", 2, key("ssh-ed25519", 11));

        assertThat(store.list()).map(PinnedHostKey::address).containsSubsequence("zz-list.example:2", "zz-list.example:22");
    }

    /** A well-formed blob: the type as an SSH string, then some key bytes. */
    static HostKey key(String type, int seed)
    {
        byte[] name = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.nio.ByteBuffer blob = java.nio.ByteBuffer.allocate(4 + name.length + 32).putInt(name.length).put(name);
        for (int i = 0; i < 32; i++) {
            blob.put((byte) (seed * 31 + i));
        }
        HostKey key = HostKey.fromBlob(blob.array());
        assertThat(key.type()).isEqualTo(type);
        assertThat(Base64.getDecoder().decode(key.base64())).isEqualTo(blob.array());
        return key;
    }

}
