package io.netcron.jobs.hardware;

import java.util.List;

/**
 * A refresh family: its name (in job names, default credential {@code hwinfo-<name>} and results),
 * the NetBox platform slugs it takes by default, and how its devices are reached by default.
 * {@code viaController}: the devices are read through a controller (Versa Director), so a device
 * needs no address of its own.
 */
record Family(String name, List<String> platformSlugs, String scheme, int port, boolean viaController)
{
    static final Family ARISTA = new Family("arista", List.of("eos", "arista-eos"), "https", 443, false);
    static final Family ARUBA = new Family("aruba", List.of("aoscx", "aruba-aoscx", "arubaos-cx"), "https", 443, false);
    static final Family F5 = new Family("f5", List.of("bigip", "f5-bigip", "tmos"), "https", 443, false);
    static final Family PALOALTO = new Family("paloalto", List.of("panos", "paloalto-panos"), "https", 443, false);
    static final Family VERSA = new Family("versa", List.of("versa", "flexvnf", "versa-flexvnf"), "https", 9182, true);
    static final Family HPE = new Family("hpe", List.of("ilo", "hpe-ilo", "redfish"), "https", 443, false);
    static final Family SSH = new Family("ssh", List.of("ios", "iosxe", "cisco-ios", "cisco-iosxe", "nxos", "cisco-nxos", "eos", "aoscx", "junos"), "ssh", 22, false);
    static final Family ANSIBLE = new Family("ansible", List.of("linux"), "ssh", 22, false);

    Family
    {
        platformSlugs = List.copyOf(platformSlugs);
    }

    String defaultCredential()
    {
        return "hwinfo-" + name;
    }
}
