package io.netcron.ipam;

/** A platform ({@code eos}, {@code panos}): jobs select devices by its slug. */
public record Platform(long id, String name, String slug) {}
