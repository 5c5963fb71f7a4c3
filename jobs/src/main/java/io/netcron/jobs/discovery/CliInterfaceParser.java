package io.netcron.jobs.discovery;

import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Layer-3 interfaces from the interface sections of a running configuration: Cisco IOS/IOS-XE
 * ({@code ip address 10.0.0.1 255.255.255.0 [secondary]}, {@code vrf forwarding X},
 * {@code ip vrf forwarding X}), NX-OS ({@code ip address 10.0.0.1/24}, {@code vrf member X}) and
 * AOS-CX ({@code vrf attach X}); {@code ipv6 address 2001:db8::1/64} too. Interfaces without an
 * address are left out.
 */
public final class CliInterfaceParser
{
    private static final Pattern INTERFACE = Pattern.compile("^interface\\s+(\\S+)\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern MASKED = Pattern.compile("^ip(?:v4)? address\\s+(\\d+\\.\\d+\\.\\d+\\.\\d+)\\s+(\\d+\\.\\d+\\.\\d+\\.\\d+)(\\s+secondary)?\\s*$");
    private static final Pattern SLASHED = Pattern.compile("^ip(?:v4)? address\\s+(\\d+\\.\\d+\\.\\d+\\.\\d+/\\d{1,2})(\\s+secondary)?\\s*(?:tag \\d+)?\\s*$");
    private static final Pattern IPV6 = Pattern.compile("^ipv6 address\\s+([0-9A-Fa-f:]+/\\d{1,3})\\s*$");
    private static final Pattern VRF = Pattern.compile("^(?:ip vrf forwarding|vrf forwarding|vrf member|vrf attach)\\s+(\\S+)\\s*$");
    private static final Pattern DESCRIPTION = Pattern.compile("^description\\s+(.*)$");

    private CliInterfaceParser() {}

    public static List<L3Interface> parse(String device, String output)
            throws TargetException
    {
        List<L3Interface> interfaces = new ArrayList<>();
        Builder current = null;
        boolean sawInterface = false;
        for (String raw : output.replace("\r", "").split("\n")) {
            if (raw.strip().startsWith("% ") || raw.strip().equals("^")) {
                throw new TargetException(Outcome.PARSE_ERROR, device + ": the device refused the command: " + raw.strip());
            }
            Matcher start = INTERFACE.matcher(raw.strip());
            if (!raw.startsWith(" ") && start.matches()) {
                if (current != null) {
                    current.build().ifPresent(interfaces::add);
                }
                current = new Builder(start.group(1));
                sawInterface = true;
                continue;
            }
            if (current == null || raw.isBlank()) {
                continue;
            }
            if (!raw.startsWith(" ") && !raw.startsWith("\t")) {
                current.build().ifPresent(interfaces::add);
                current = null;
                continue;
            }
            current.line(device, raw.strip());
        }
        if (current != null) {
            current.build().ifPresent(interfaces::add);
        }
        if (!sawInterface) {
            throw new TargetException(Outcome.PARSE_ERROR, device + ": no 'interface' section in the answer");
        }
        return interfaces;
    }

    static int maskLength(String device, String mask)
            throws TargetException
    {
        long value = 0;
        for (String octet : mask.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        int length = Long.bitCount(value);
        long expected = length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
        if (value != expected) {
            throw new TargetException(Outcome.PARSE_ERROR, device + ": not a netmask: " + mask);
        }
        return length;
    }

    private static final class Builder
    {
        private final String name;
        private final List<String> addresses = new ArrayList<>();
        private String description = "";
        private boolean enabled = true;
        private Optional<String> vrf = Optional.empty();

        Builder(String name)
        {
            this.name = name;
        }

        void line(String device, String line)
                throws TargetException
        {
            Matcher matcher;
            if ((matcher = MASKED.matcher(line)).matches()) {
                add(matcher.group(1) + "/" + maskLength(device, matcher.group(2)), matcher.group(3) != null);
            }
            else if ((matcher = SLASHED.matcher(line)).matches()) {
                add(matcher.group(1), matcher.group(2) != null);
            }
            else if ((matcher = IPV6.matcher(line)).matches()) {
                addresses.add(matcher.group(1).toLowerCase(java.util.Locale.ROOT));
            }
            else if ((matcher = VRF.matcher(line)).matches()) {
                vrf = Optional.of(matcher.group(1));
            }
            else if ((matcher = DESCRIPTION.matcher(line)).matches()) {
                description = matcher.group(1).strip();
            }
            else if (line.equals("shutdown")) {
                enabled = false;
            }
            else if (line.equals("no shutdown")) {
                enabled = true;
            }
        }

        private void add(String address, boolean secondary)
        {
            // the primary first, whatever order the configuration lists them in
            if (secondary) {
                addresses.add(address);
            }
            else {
                addresses.addFirst(address);
            }
        }

        Optional<L3Interface> build()
        {
            return addresses.isEmpty() ? Optional.empty() : Optional.of(new L3Interface(name, description, enabled, vrf, addresses));
        }
    }
}
