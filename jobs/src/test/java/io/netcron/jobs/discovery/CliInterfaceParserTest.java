package io.netcron.jobs.discovery;

import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CliInterfaceParserTest
{
    static final String IOS = """
            interface GigabitEthernet0/0
             description uplink
             no ip address
            interface Vlan10
             description users
             ip address 10.0.11.1 255.255.255.0 secondary
             ip address 10.0.10.1 255.255.255.0
             ipv6 address 2001:DB8:10::1/64
            interface Vlan20
             vrf forwarding BLUE
             ip address 10.0.20.1 255.255.255.128
             shutdown
            interface Loopback0
             ip address 10.255.0.1 255.255.255.255
            """;

    @Test
    void readsIosInterfacesWithPrimaryFirstSecondariesIpv6VrfAndShutdown()
            throws TargetException
    {
        List<L3Interface> interfaces = CliInterfaceParser.parse("edge1", IOS);

        assertThat(interfaces).containsExactly(
                new L3Interface("Vlan10", "users", true, Optional.empty(), List.of("10.0.10.1/24", "10.0.11.1/24", "2001:db8:10::1/64")),
                new L3Interface("Vlan20", "", false, Optional.of("BLUE"), List.of("10.0.20.1/25")),
                new L3Interface("Loopback0", "", true, Optional.empty(), List.of("10.255.0.1/32")));
    }

    @Test
    void readsNxosSlashNotationAndVrfMember()
            throws TargetException
    {
        String nxos = """
                !Command: show running-config interface
                !Time: Mon Nov 30 10:00:00 2026

                version 10.3(4a)

                interface Vlan30
                  no shutdown
                  vrf member RED
                  ip address 10.0.30.1/24
                  ip address 10.0.31.1/24 secondary
                """;

        assertThat(CliInterfaceParser.parse("nx1", nxos))
                .containsExactly(new L3Interface("Vlan30", "", true, Optional.of("RED"), List.of("10.0.30.1/24", "10.0.31.1/24")));
    }

    @Test
    void aRefusedCommandIsAParseError()
    {
        TargetException error = catchThrowableOfType(TargetException.class,
                () -> CliInterfaceParser.parse("edge1", "                ^\n% Invalid input detected at '^' marker.\n"));

        assertThat(error.outcome()).isEqualTo(Outcome.PARSE_ERROR);
        assertThat(error).hasMessageContaining("edge1");
    }

    @Test
    void anAnswerWithoutInterfacesIsAParseError()
    {
        TargetException error = catchThrowableOfType(TargetException.class, () -> CliInterfaceParser.parse("edge1", "hostname edge1\nend\n"));

        assertThat(error.outcome()).isEqualTo(Outcome.PARSE_ERROR);
    }

    @Test
    void aNonContiguousNetmaskIsAParseError()
    {
        TargetException error = catchThrowableOfType(TargetException.class,
                () -> CliInterfaceParser.parse("edge1", "interface Vlan1\n ip address 10.0.0.1 255.0.255.0\n"));

        assertThat(error.outcome()).isEqualTo(Outcome.PARSE_ERROR);
        assertThat(error).hasMessageContaining("255.0.255.0");
    }
}
