package io.netcron.jobs.reports;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

import static java.util.Objects.requireNonNull;

/**
 * An IPv4 or IPv6 network ({@code 192.0.2.0/24}) as a range of integers, for utilisation sums.
 * Parses literals only: a name is never resolved.
 */
record Network(int family, BigInteger first, int length)
{
    Network
    {
        requireNonNull(first, "first is null");
    }

    /** {@code 192.0.2.0/24}; an address with a length ({@code 192.0.2.7/24}) gives its network; no length is a host. */
    static Network parse(String cidr)
    {
        requireNonNull(cidr, "cidr is null");
        String text = cidr.trim();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (address.isEmpty() || !(address.indexOf(':') >= 0 || address.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            throw new IllegalArgumentException("not an IP prefix: '" + cidr + "'");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup
        }
        catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP prefix: '" + cidr + "'");
        }
        int bits = bytes.length * 8;
        int length;
        try {
            length = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IP prefix: '" + cidr + "' (bad length)");
        }
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("not an IP prefix: '" + cidr + "' (length " + length + " of " + bits + " bits)");
        }
        BigInteger value = new BigInteger(1, bytes);
        BigInteger mask = BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
        return new Network(bytes.length == 4 ? 4 : 6, value.andNot(mask), length);
    }

    int bits()
    {
        return family == 4 ? 32 : 128;
    }

    BigInteger size()
    {
        return BigInteger.ONE.shiftLeft(bits() - length);
    }

    /** Exclusive end. */
    BigInteger end()
    {
        return first.add(size());
    }

    boolean contains(Network other)
    {
        return other.family == family && other.first.compareTo(first) >= 0 && other.end().compareTo(end()) <= 0;
    }

    /**
     * Addresses NetBox counts as usable for its utilisation of a non-container prefix: IPv4
     * networks larger than a /31 lose the network and broadcast addresses (unless a pool).
     */
    BigInteger usable(boolean pool)
    {
        return family == 4 && length < 31 && !pool ? size().subtract(BigInteger.TWO) : size();
    }
}
