package io.netcron.ipam;

import java.util.List;

/** A custom field definition: its name (the key in {@code custom_fields}), type value and the object types it applies to. */
public record CustomField(long id, String name, String label, String type, List<String> objectTypes)
{
    public CustomField
    {
        objectTypes = List.copyOf(objectTypes);
    }
}
