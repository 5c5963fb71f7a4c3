package io.netcron.dns;

import org.xbill.DNS.Rcode;

/** The response code of an answer; {@link #NONE} when there was no answer. */
public enum DnsRcode
{
    NOERROR(Rcode.NOERROR),
    FORMERR(Rcode.FORMERR),
    SERVFAIL(Rcode.SERVFAIL),
    NXDOMAIN(Rcode.NXDOMAIN),
    NOTIMP(Rcode.NOTIMP),
    REFUSED(Rcode.REFUSED),
    /** Any other code (YXDOMAIN, NOTAUTH, BADVERS...). */
    OTHER(-1),
    /** No response: the result's status is not ANSWERED. */
    NONE(-2);

    private final int code;

    DnsRcode(int code)
    {
        this.code = code;
    }

    public static DnsRcode of(int code)
    {
        for (DnsRcode rcode : values()) {
            if (rcode.code == code) {
                return rcode;
            }
        }
        return OTHER;
    }
}
