package io.netcron.ipam;

/** A device type: manufacturer slug and model. */
public record DeviceType(long id, String manufacturer, String model, String slug) {}
