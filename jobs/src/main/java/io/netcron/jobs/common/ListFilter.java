package io.netcron.jobs.common;

import io.netcron.ipam.IpamFilter;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A NetBox filter from params' lists: a list with values filters its field by any of them, an
 * empty list leaves the field open (rather than matching nothing).
 */
public record ListFilter(IpamFilter filter)
{
    public ListFilter
    {
        requireNonNull(filter, "filter is null");
    }

    public static ListFilter all()
    {
        return new ListFilter(IpamFilter.all());
    }

    public ListFilter any(String parameter, List<String> values)
    {
        return values.isEmpty() ? this : new ListFilter(filter.and(parameter, values.toArray(String[]::new)));
    }
}
