package io.netcron.jobs.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EapiInterfacesTest
{
    /** {@code show ip interface} as EOS 4.3x answers it through eAPI (fields the job does not read left out). */
    static final String SHOW_IP_INTERFACE = """
            {"jsonrpc": "2.0", "id": "netcron-svi-import", "result": [{"interfaces": {
              "Vlan30": {"name": "Vlan30", "interfaceStatus": "connected", "lineProtocolStatus": "up", "mtu": 1500,
                "description": "servers", "vrf": "default",
                "interfaceAddress": {"primaryIp": {"address": "10.0.30.1", "maskLen": 24},
                  "secondaryIps": {"10.0.31.1": {"address": "10.0.31.1", "maskLen": 24}},
                  "secondaryIpsOrderedList": [{"address": "10.0.31.1", "maskLen": 24}],
                  "virtualIp": {"address": "0.0.0.0", "maskLen": 0}, "broadcastAddress": "255.255.255.255", "dhcp": false}},
              "Vlan40": {"name": "Vlan40", "interfaceStatus": "disabled", "lineProtocolStatus": "down", "mtu": 1500,
                "description": "", "vrf": "BLUE",
                "interfaceAddress": {"primaryIp": {"address": "10.0.40.1", "maskLen": 25}, "secondaryIpsOrderedList": []}},
              "Ethernet1": {"name": "Ethernet1", "interfaceStatus": "connected", "vrf": "default",
                "interfaceAddress": {"primaryIp": {"address": "0.0.0.0", "maskLen": 0}, "secondaryIpsOrderedList": []}},
              "Management1": {"name": "Management1", "interfaceStatus": "connected", "vrf": "MGMT",
                "interfaceAddress": {"primaryIp": {"address": "127.0.0.1", "maskLen": 8}, "secondaryIpsOrderedList": []}}
            }}]}
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsAddressesVrfAndStateAndSkipsInterfacesWithoutAddress()
            throws Exception
    {
        List<L3Interface> interfaces = EapiInterfaces.parse("leaf1", JSON.readTree(SHOW_IP_INTERFACE));

        assertThat(interfaces).containsExactly(
                new L3Interface("Vlan30", "servers", true, Optional.empty(), List.of("10.0.30.1/24", "10.0.31.1/24")),
                new L3Interface("Vlan40", "", false, Optional.of("BLUE"), List.of("10.0.40.1/25")),
                new L3Interface("Management1", "", true, Optional.of("MGMT"), List.of("127.0.0.1/8")));
    }

    @Test
    void anAnswerWithoutInterfacesIsAParseError()
            throws Exception
    {
        JsonNode answer = JSON.readTree("{\"jsonrpc\": \"2.0\", \"id\": \"x\", \"result\": [{}]}");

        assertThat(catchThrowableOfType(TargetException.class, () -> EapiInterfaces.parse("leaf1", answer)).outcome()).isEqualTo(Outcome.PARSE_ERROR);
    }

    @Test
    void anEapiErrorIsAFailureWithItsMessage()
            throws Exception
    {
        JsonNode answer = JSON.readTree("{\"jsonrpc\": \"2.0\", \"id\": \"x\", \"error\": {\"code\": 1002, \"message\": \"CLI command 1 of 1 'show ip interfac' failed: invalid command\"}}");

        TargetException error = catchThrowableOfType(TargetException.class, () -> EapiInterfaces.parse("leaf1", answer));

        assertThat(error.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(error).hasMessageContaining("1002").hasMessageContaining("invalid command");
    }
}
