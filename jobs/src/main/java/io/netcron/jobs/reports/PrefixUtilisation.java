package io.netcron.jobs.reports;

import io.netcron.ipam.IpAddress;
import io.netcron.ipam.Prefix;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A prefix's utilisation as NetBox's UI computes it (its REST API does not return it): a
 * container counts the address space its child prefixes cover; any other prefix counts its IP
 * addresses against its usable size. Children and addresses count only in the prefix's own VRF.
 */
record PrefixUtilisation(Prefix prefix, Network network, BigInteger used, BigInteger size)
{
    static PrefixUtilisation ofContainer(Prefix prefix, Network network, List<Prefix> candidates)
    {
        List<Network> children = new ArrayList<>();
        for (Prefix child : candidates) {
            if (child.id() == prefix.id() || !sameVrf(prefix.vrf(), child.vrf())) {
                continue;
            }
            try {
                Network parsed = Network.parse(child.prefix());
                if (network.contains(parsed) && !parsed.equals(network)) {
                    children.add(parsed);
                }
            }
            catch (IllegalArgumentException e) {
                // a child NetBox would not store; it covers nothing we can count
            }
        }
        return new PrefixUtilisation(prefix, network, covered(children), network.size());
    }

    static PrefixUtilisation ofAddresses(Prefix prefix, Network network, List<IpAddress> candidates)
    {
        long used = candidates.stream()
                .filter(address -> sameVrf(prefix.vrf(), address.vrf()))
                .map(address -> {
                    try {
                        String text = address.address();
                        return Optional.of(Network.parse(text.contains("/") ? text.substring(0, text.indexOf('/')) : text));
                    }
                    catch (IllegalArgumentException e) {
                        return Optional.<Network>empty();
                    }
                })
                .flatMap(Optional::stream)
                .filter(network::contains)
                .map(Network::first)
                .distinct()
                .count();
        return new PrefixUtilisation(prefix, network, BigInteger.valueOf(used), network.usable(false));
    }

    /** used / size, at most 1 (NetBox caps it at 100%). */
    double ratio()
    {
        if (size.signum() == 0) {
            return 0;
        }
        double ratio = new BigDecimal(used).divide(new BigDecimal(size), MathContext.DECIMAL64).doubleValue();
        return Math.min(1.0, ratio);
    }

    private static boolean sameVrf(Optional<String> a, Optional<String> b)
    {
        return a.equals(b);
    }

    /** Addresses covered by the union of the networks (children may nest or overlap). */
    private static BigInteger covered(List<Network> networks)
    {
        List<Network> sorted = new ArrayList<>(networks);
        sorted.sort(Comparator.comparing(Network::first));
        BigInteger total = BigInteger.ZERO;
        BigInteger start = null;
        BigInteger end = null;
        for (Network network : sorted) {
            if (end == null || network.first().compareTo(end) > 0) {
                if (end != null) {
                    total = total.add(end.subtract(start));
                }
                start = network.first();
                end = network.end();
            }
            else if (network.end().compareTo(end) > 0) {
                end = network.end();
            }
        }
        return end == null ? total : total.add(end.subtract(start));
    }
}
