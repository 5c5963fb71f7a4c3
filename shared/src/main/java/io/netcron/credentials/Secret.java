package io.netcron.credentials;

import static java.util.Objects.requireNonNull;

/**
 * A secret value. {@link #toString()} never shows it, so a secret that slips into a log line,
 * an exception message or a JSON result reads {@code ********}; {@link #reveal()} is the one
 * deliberate way to the clear text (to hand it to a protocol library).
 */
public final class Secret
{
    public static final String MASK = "********";

    private final String value;

    private Secret(String value)
    {
        this.value = requireNonNull(value, "value is null");
    }

    public static Secret of(String value)
    {
        return new Secret(value);
    }

    public String reveal()
    {
        return value;
    }

    public boolean isEmpty()
    {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof Secret secret && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8), secret.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode()
    {
        return value.hashCode();
    }

    @Override
    public String toString()
    {
        return MASK;
    }
}
