package io.netcron.reach;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrefixTest
{
    @Test
    void containsOnlyAddressesInsideIt()
    {
        Prefix prefix = Prefix.parse("127.0.0.0/29");

        assertThat(prefix.contains(Prefix.address("127.0.0.7"))).isTrue();
        assertThat(prefix.contains(Prefix.address("127.0.0.8"))).isFalse();
        assertThat(prefix.contains(Prefix.address("::1"))).isFalse();
    }

    @Test
    void aBareAddressIsASingleAddressPrefix()
    {
        assertThat(Prefix.parse("127.0.0.5")).isEqualTo(Prefix.parse("127.0.0.5/32"));
        assertThat(Prefix.parse("::1").length()).isEqualTo(128);
    }

    @Test
    void hostsLeaveOutNetworkAndBroadcastOfIpv4()
    {
        assertThat(Prefix.parse("127.0.0.0/29").hosts()).extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6");
        assertThat(Prefix.parse("127.0.0.2/31").hosts()).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.2", "127.0.0.3");
        assertThat(Prefix.parse("127.0.0.9").hosts()).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.9");
    }

    @Test
    void hostBitsMustBeZero()
    {
        assertThatThrownBy(() -> Prefix.parse("127.0.0.5/29"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("127.0.0.5/29 has host bits set (did you mean 127.0.0.0/29?)");
    }

    @Test
    void namesAreRefusedWithoutAskingDns()
    {
        assertThatThrownBy(() -> Prefix.parse("localhost/32")).hasMessage("not an IP address: 'localhost'");
        assertThatThrownBy(() -> Prefix.parse("127.1")).hasMessage("not an IP address: '127.1'");
    }

    @Test
    void prefixInsidePrefix()
    {
        assertThat(Prefix.parse("127.0.0.0/24").contains(Prefix.parse("127.0.0.8/29"))).isTrue();
        assertThat(Prefix.parse("127.0.0.0/29").contains(Prefix.parse("127.0.0.0/28"))).isFalse();
    }
}
