package io.netcron.jobs.hardware;

import io.netcron.http.TlsTrust;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InventoryFileTest
{
    @TempDir
    Path directory;

    static final String INVENTORY = """
            defaults:
              data:
                credential: lab-default
            groups:
              fra1:
                port: 8443
                data:
                  site: fra1
                  tls: {insecure: true}
              core:
                groups: [fra1]
                data:
                  credential: core-login
                  tags: [core]
            hosts:
              leaf1:
                hostname: 127.0.0.11
                platform: eos
                groups: [fra1]
              spine1:
                hostname: 127.0.0.12
                platform: eos
                groups: [core]
                data:
                  tls: {pin: "%s"}
              fw1:
                hostname: 127.0.0.13
                platform: panos
              nohost:
                platform: eos
            """.formatted("ab".repeat(32));

    private List<Candidate> load(HwinfoParams params)
            throws Exception
    {
        Path file = directory.resolve("inventory.yaml");
        Files.writeString(file, INVENTORY);
        return InventoryFile.load(file, Family.ARISTA, params);
    }

    @Test
    void hostsTakeTheirGroupsAndDefaultsTheWayNornirResolvesThem()
            throws Exception
    {
        List<Candidate> candidates = load(HwinfoParams.defaults());

        assertThat(candidates).extracting(Candidate::name).containsExactly("leaf1", "spine1", "nohost");
        HwTarget leaf = candidates.get(0).target().orElseThrow();
        assertThat(leaf.host()).isEqualTo("127.0.0.11");
        assertThat(leaf.port()).isEqualTo(8443);
        assertThat(leaf.credentialName()).isEqualTo("lab-default");
        assertThat(leaf.trust()).isEqualTo(TlsTrust.insecure());
        HwTarget spine = candidates.get(1).target().orElseThrow();
        assertThat(spine.credentialName()).isEqualTo("core-login");
        assertThat(spine.port()).isEqualTo(8443);
        assertThat(spine.trust()).isEqualTo(TlsTrust.pinned("ab".repeat(32)));
        assertThat(candidates.get(2).skip()).isTrue();
    }

    @Test
    void theParamsFilterAppliesToInventoryHosts()
            throws Exception
    {
        HwinfoParams coreOnly = new HwinfoParams(null, null, null, List.of("core"), null, null, false, 4, null, 0.5, null, null, null, null, null, null, null);

        assertThat(load(coreOnly)).extracting(Candidate::name).containsExactly("spine1");
    }

    @Test
    void aFileWithoutHostsIsRefusedClearly()
            throws Exception
    {
        Path file = directory.resolve("empty.yaml");
        Files.writeString(file, "groups: {}\n");

        assertThatThrownBy(() -> InventoryFile.load(file, Family.ARISTA, HwinfoParams.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no 'hosts' section");
    }
}
