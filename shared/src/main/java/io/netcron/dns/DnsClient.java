package io.netcron.dns;

import io.netcron.job.Deadline;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * Asks one given name server (not the system resolver) one question over UDP or TCP, as a
 * monitor does. Every outcome is a {@link DnsResult}: timeouts and unreachable servers included.
 * Thread-safe; one instance serves all jobs.
 */
public final class DnsClient
{
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** Extra wait beyond the resolver's own timeout before giving up on its future. */
    private static final Duration FUTURE_SLACK = Duration.ofMillis(500);

    private final Duration timeout;

    public DnsClient(Duration timeout)
    {
        this.timeout = requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("DNS timeout must be positive, got " + timeout);
        }
    }

    public Duration timeout()
    {
        return timeout;
    }

    /** UDP, retried over TCP when truncated. */
    public DnsResult query(DnsServer server, String name, String type, Deadline deadline)
    {
        return query(server, name, type, DnsTransport.UDP_THEN_TCP, deadline);
    }

    /**
     * One question to {@code server}. {@code type} is a record type mnemonic ({@code A},
     * {@code AAAA}, {@code TXT}, {@code SOA}...); the timeout is the client's, capped by the deadline.
     *
     * @throws IllegalArgumentException for a malformed name or an unknown record type (caller errors)
     */
    public DnsResult query(DnsServer server, String name, String type, DnsTransport transport, Deadline deadline)
    {
        requireNonNull(server, "server is null");
        requireNonNull(transport, "transport is null");
        requireNonNull(deadline, "deadline is null");
        Message question = question(name, type);
        String typeName = Type.string(question.getQuestion().getType());
        long started = System.nanoTime();
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(server.host()), server.port());
        }
        catch (UnknownHostException e) {
            return DnsResult.failed(server, name, typeName, firstTransport(transport), DnsStatus.ERROR, since(started), "unknown DNS server host " + server.host());
        }
        boolean tcp = transport == DnsTransport.TCP;
        Exchange exchange = exchange(address, question, tcp, deadline);
        if (exchange.response() != null && !tcp && exchange.response().getHeader().getFlag(Flags.TC) && transport == DnsTransport.UDP_THEN_TCP) {
            Exchange retried = exchange(address, question, true, deadline);
            return result(server, name, typeName, DnsTransport.TCP, retried, true, started);
        }
        return result(server, name, typeName, tcp ? DnsTransport.TCP : DnsTransport.UDP, exchange, false, started);
    }

    private static Message question(String name, String type)
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        int typeValue = Type.value(type.trim().toUpperCase(Locale.ROOT));
        if (typeValue < 0) {
            throw new IllegalArgumentException("unknown DNS record type '" + type + "'");
        }
        try {
            return Message.newQuery(Record.newRecord(Name.fromString(name.trim(), Name.root), typeValue, DClass.IN));
        }
        catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: '" + name + "' (" + e.getMessage() + ")");
        }
    }

    private record Exchange(Message response, DnsStatus status, String error) {}

    private Exchange exchange(InetSocketAddress address, Message question, boolean tcp, Deadline deadline)
    {
        Duration capped = deadline.cap(timeout);
        SimpleResolver resolver = new SimpleResolver(address);
        resolver.setTCP(tcp);
        // Truncation is reported (and retried) here, not silently by the resolver.
        resolver.setIgnoreTruncation(true);
        resolver.setTimeout(capped);
        CompletableFuture<Message> future = resolver.sendAsync(question).toCompletableFuture();
        try {
            return new Exchange(future.get(capped.plus(FUTURE_SLACK).toNanos(), TimeUnit.NANOSECONDS), DnsStatus.ANSWERED, "");
        }
        catch (TimeoutException e) {
            future.cancel(true);
            return timedOut(capped);
        }
        catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new Exchange(null, DnsStatus.TIMEOUT, "interrupted");
        }
        catch (ExecutionException | CompletionException e) {
            return failure(e.getCause() == null ? e : e.getCause(), capped);
        }
    }

    private static Exchange timedOut(Duration timeout)
    {
        return new Exchange(null, DnsStatus.TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
    }

    private static Exchange failure(Throwable cause, Duration timeout)
    {
        Throwable unwrapped = cause;
        while ((unwrapped instanceof CompletionException || unwrapped instanceof ExecutionException) && unwrapped.getCause() != null) {
            unwrapped = unwrapped.getCause();
        }
        return switch (unwrapped) {
            case SocketTimeoutException e -> timedOut(timeout);
            case PortUnreachableException e -> new Exchange(null, DnsStatus.UNREACHABLE, "port unreachable");
            case ConnectException e -> new Exchange(null, DnsStatus.UNREACHABLE, "connection refused");
            case NoRouteToHostException e -> new Exchange(null, DnsStatus.UNREACHABLE, "no route to host");
            case WireParseException e -> new Exchange(null, DnsStatus.ERROR, "malformed response: " + oneLine(e));
            case IOException e -> new Exchange(null, DnsStatus.ERROR, oneLine(e));
            default -> new Exchange(null, DnsStatus.ERROR, unwrapped.getClass().getSimpleName() + ": " + oneLine(unwrapped));
        };
    }

    private static DnsResult result(DnsServer server, String name, String type, DnsTransport transport, Exchange exchange, boolean truncated, long started)
    {
        Message response = exchange.response();
        if (response == null) {
            return new DnsResult(server, name, type, transport, exchange.status(), DnsRcode.NONE, List.of(), truncated, false, since(started), exchange.error());
        }
        List<DnsAnswer> answers = response.getSection(Section.ANSWER).stream()
                .map(record -> new DnsAnswer(record.getName().toString(), Type.string(record.getType()), record.getTTL(), data(record)))
                .toList();
        return new DnsResult(server, name, type, transport, DnsStatus.ANSWERED, DnsRcode.of(response.getRcode()), answers,
                truncated || response.getHeader().getFlag(Flags.TC), response.getHeader().getFlag(Flags.AA), since(started), "");
    }

    /** Zone-file text; IPv6 addresses in their short form (RFC 5952), as people write them. */
    private static String data(Record record)
    {
        if (record instanceof AAAARecord aaaa) {
            return ipv6Text(aaaa.getAddress().getAddress());
        }
        return record.rdataToString();
    }

    static String ipv6Text(byte[] address)
    {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static DnsTransport firstTransport(DnsTransport transport)
    {
        return transport == DnsTransport.TCP ? DnsTransport.TCP : DnsTransport.UDP;
    }

    private static Duration since(long startedNanos)
    {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static String oneLine(Throwable e)
    {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("");
    }

    @Override
    public String toString()
    {
        return "DnsClient[timeout=" + timeout.toMillis() + "ms]";
    }
}
