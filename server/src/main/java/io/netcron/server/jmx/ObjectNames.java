package io.netcron.server.jmx;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

import java.util.regex.Pattern;

/** netcron's MBean names, domain {@code io.netcron}; a job name with {@code :} or the like is quoted. */
public final class ObjectNames
{
    public static final String DOMAIN = "io.netcron";
    private static final Pattern SAFE_VALUE = Pattern.compile("[^,=:\"*?\\\\\\n]+");

    private ObjectNames() {}

    public static ObjectName node()
    {
        return name(DOMAIN + ":type=Node");
    }

    public static ObjectName cluster()
    {
        return name(DOMAIN + ":type=Cluster");
    }

    public static ObjectName job(String jobName)
    {
        return name(DOMAIN + ":type=Job,name=" + value(jobName));
    }

    /** A key property value as written: plain when it can be, else {@link ObjectName#quote quoted}. */
    static String value(String text)
    {
        return SAFE_VALUE.matcher(text).matches() ? text : ObjectName.quote(text);
    }

    private static ObjectName name(String text)
    {
        try {
            return new ObjectName(text);
        }
        catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(text + ": " + e.getMessage(), e);
        }
    }
}
