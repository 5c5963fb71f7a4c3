package io.netcron.jobs.common;

import io.netcron.ipam.IpamFilter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ListFilterTest
{
    @Test
    void aListWithValuesFiltersByAnyOfThemAndAnEmptyOneLeavesTheFieldOpen()
    {
        IpamFilter filter = ListFilter.all()
                .any("role", List.of("leaf", "spine"))
                .any("tag", List.of())
                .any("status", List.of("active"))
                .filter();

        assertThat(filter).isEqualTo(IpamFilter.all().role("leaf", "spine").status("active"));
        assertThat(filter.parameters()).doesNotContainKey("tag");
    }
}
