package io.netcron.reach;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * An address prefix ({@code 192.0.2.0/24}, {@code 2001:db8::/64}) or a single address ({@code /32},
 * {@code /128}). Parsed from literals only: a host name is refused, so the guard never asks DNS.
 * Host bits must be zero ({@code 10.0.0.5/24} is refused), so a typo cannot widen a sweep silently.
 */
public record Prefix(InetAddress network, int length)
{
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public Prefix
    {
        requireNonNull(network, "network is null");
        int bits = bits(network);
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length must be between 0 and " + bits + ", got " + length);
        }
        if (!value(network).equals(mask(value(network), bits, length))) {
            throw new IllegalArgumentException(network.getHostAddress() + "/" + length + " has host bits set (did you mean "
                    + toAddress(mask(value(network), bits, length), bits).getHostAddress() + "/" + length + "?)");
        }
    }

    /** {@code 192.0.2.0/24}, or one address ({@code 192.0.2.7} means {@code /32}). */
    public static Prefix parse(String text)
    {
        requireNonNull(text, "text is null");
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        InetAddress address = address(slash < 0 ? trimmed : trimmed.substring(0, slash));
        if (slash < 0) {
            return new Prefix(address, bits(address));
        }
        try {
            return new Prefix(address, Integer.parseInt(trimmed.substring(slash + 1)));
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length in '" + text + "'");
        }
    }

    public static Prefix of(InetAddress address)
    {
        return new Prefix(address, bits(address));
    }

    /** An IP address literal; names are refused (no DNS lookup happens here). */
    public static InetAddress address(String literal)
    {
        String text = requireNonNull(literal, "literal is null").trim();
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            throw new IllegalArgumentException("not an IP address: '" + literal + "'");
        }
        try {
            return InetAddress.getByName(text);
        }
        catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + literal + "'");
        }
    }

    public boolean contains(InetAddress address)
    {
        int bits = bits(network);
        return bits(address) == bits && mask(value(address), bits, length).equals(value(network));
    }

    public boolean contains(Prefix other)
    {
        return other.length >= length && contains(other.network);
    }

    /** Address bits not fixed by the prefix: 8 for a /24, 0 for a single address. */
    public int hostBits()
    {
        return bits(network) - length;
    }

    /**
     * The addresses a sweep probes, in order: every address of the prefix, except the network and
     * broadcast addresses of an IPv4 prefix shorter than /31. Call only on prefixes checked for size.
     */
    public java.util.List<InetAddress> hosts()
    {
        if (hostBits() > 24) {
            throw new IllegalArgumentException(this + " is too large to expand");
        }
        int bits = bits(network);
        int count = 1 << hostBits();
        boolean skipEnds = bits == 32 && hostBits() >= 2;
        java.util.List<InetAddress> hosts = new java.util.ArrayList<>(count);
        BigInteger base = value(network);
        for (int i = skipEnds ? 1 : 0; i < (skipEnds ? count - 1 : count); i++) {
            hosts.add(toAddress(base.add(BigInteger.valueOf(i)), bits));
        }
        return hosts;
    }

    static int bits(InetAddress address)
    {
        return address instanceof Inet4Address ? 32 : 128;
    }

    private static BigInteger value(InetAddress address)
    {
        return new BigInteger(1, address.getAddress());
    }

    private static BigInteger mask(BigInteger value, int bits, int length)
    {
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
        return value.andNot(hostMask);
    }

    private static InetAddress toAddress(BigInteger value, int bits)
    {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[bits / 8];
        int copy = Math.min(raw.length, bytes.length);
        System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
        try {
            return InetAddress.getByAddress(bytes);
        }
        catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString()
    {
        return network.getHostAddress() + "/" + length;
    }
}
