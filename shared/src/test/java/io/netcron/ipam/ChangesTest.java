package io.netcron.ipam;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChangesTest
{
    @Test
    void keepsOnlyChangedFields()
    {
        assertThat(Changes.diff(Map.of("serial", "A", "name", "x"), Map.of("serial", "B", "name", "x"))).isEqualTo(Map.of("serial", "B"));
    }

    @Test
    void comparesNumbersByValue()
    {
        assertThat(Changes.diff(Map.of("mtu", 1500), Map.of("mtu", 1500.0))).isEmpty();
    }

    @Test
    void sendsOnlyChangedCustomFields()
    {
        Map<String, Object> current = Map.of("custom_fields", Map.of("a", 1, "b", "x"));
        assertThat(Changes.diff(current, Map.of("custom_fields", Map.of("a", 1, "b", "y")))).isEqualTo(Map.of("custom_fields", Map.of("b", "y")));
    }

    @Test
    void missingEqualsNull()
    {
        Map<String, Object> wanted = new HashMap<>();
        wanted.put("asset_tag", null);
        assertThat(Changes.diff(Map.of(), wanted)).isEmpty();
    }

    @Test
    void listsCompareElementwise()
    {
        assertThat(Changes.diff(Map.of("tags", List.of(1, 2)), Map.of("tags", List.of(1, 3)))).isEqualTo(Map.of("tags", List.of(1, 3)));
    }
}
