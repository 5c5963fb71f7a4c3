package io.netcron.ipam;

import java.util.Locale;

/**
 * How the token goes into the Authorization header. NetBox 4.5+ v2 tokens ({@code nbt_<key>.<token>})
 * take {@code Bearer}; legacy v1 tokens (40 hex digits) take {@code Token}. {@code AUTO} tells them apart by the prefix.
 */
public enum TokenScheme
{
    AUTO, TOKEN, BEARER;

    public static TokenScheme parse(String value)
    {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("token scheme must be auto, token or bearer, got '" + value + "'");
        }
    }

    /** The header value; the token itself never leaves this method except into the header. */
    String header(String token)
    {
        boolean bearer = this == BEARER || (this == AUTO && token.startsWith("nbt_"));
        return (bearer ? "Bearer " : "Token ") + token;
    }
}
