package io.netcron.jobs.reports;

import io.netcron.ipam.IpAddress;
import io.netcron.ipam.Prefix;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrefixUtilisationTest
{
    @Test
    void ipv4NetworksLargerThanA31LoseNetworkAndBroadcast()
    {
        assertThat(Network.parse("192.0.2.0/24").usable(false)).isEqualTo(BigInteger.valueOf(254));
        assertThat(Network.parse("192.0.2.0/31").usable(false)).isEqualTo(BigInteger.TWO);
        assertThat(Network.parse("192.0.2.7/32").usable(false)).isEqualTo(BigInteger.ONE);
        assertThat(Network.parse("2001:db8::/126").usable(false)).isEqualTo(BigInteger.valueOf(4));
    }

    @Test
    void anAddressWithALengthGivesItsNetwork()
    {
        assertThat(Network.parse("192.0.2.77/24")).isEqualTo(Network.parse("192.0.2.0/24"));
    }

    @Test
    void namesAndBadLengthsAreNotPrefixes()
    {
        assertThatThrownBy(() -> Network.parse("netbox.example.net/24")).hasMessageContaining("not an IP prefix");
        assertThatThrownBy(() -> Network.parse("192.0.2.0/33")).hasMessageContaining("length 33 of 32 bits");
        assertThatThrownBy(() -> Network.parse("192.0.2.0/x")).hasMessageContaining("bad length");
    }

    @Test
    void aContainerCountsTheUnionOfItsChildrenOnce()
    {
        Prefix container = prefix(1, "2001:db8::/48", "container");
        PrefixUtilisation utilisation = PrefixUtilisation.ofContainer(container, Network.parse(container.prefix()), List.of(
                prefix(2, "2001:db8::/64", "active"),
                prefix(3, "2001:db8::/65", "active"),   // inside the /64: not counted twice
                prefix(4, "2001:db8:0:1::/64", "active"),
                prefix(5, "2001:db9::/64", "active"))); // outside the container

        assertThat(utilisation.used()).isEqualTo(BigInteger.TWO.shiftLeft(64)); // two /64s
        assertThat(utilisation.ratio()).isEqualTo(2.0 / 65536);
    }

    @Test
    void addressesCountOncePerAddressAndOnlyInsideThePrefix()
    {
        Prefix prefix = prefix(1, "192.0.2.0/30", "active");
        PrefixUtilisation utilisation = PrefixUtilisation.ofAddresses(prefix, Network.parse(prefix.prefix()), List.of(
                address("192.0.2.1/30"), address("192.0.2.1/32"), address("192.0.2.2/30"), address("192.0.2.9/30"), address("192.0.2.3/30")));

        assertThat(utilisation.used()).isEqualTo(BigInteger.valueOf(3));
        assertThat(utilisation.ratio()).as("capped at 100%% as NetBox does").isEqualTo(1.0);
    }

    private static Prefix prefix(long id, String prefix, String status)
    {
        return new Prefix(id, prefix, Optional.empty(), status, "", Map.of());
    }

    private static IpAddress address(String address)
    {
        return new IpAddress(1, address, Optional.empty(), "active", "", "", Optional.empty(), Optional.empty(), Map.of());
    }
}
