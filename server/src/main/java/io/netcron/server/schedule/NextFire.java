package io.netcron.server.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.TimeZone;

/** When a schedule fires next; empty when it never fires again ("never fires from now on"). */
public final class NextFire
{
    private NextFire() {}

    public static Optional<Instant> after(String schedule, ZoneId zone, Instant after)
    {
        return Schedules.toQuartz(schedule).nextAfter(after, TimeZone.getTimeZone(zone));
    }
}
