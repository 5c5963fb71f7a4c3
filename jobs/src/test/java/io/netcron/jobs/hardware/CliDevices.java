package io.netcron.jobs.hardware;

import io.netcron.ssh.FakeDevice;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The network devices whose CLIs the SSH refresh reads, one {@link FakeDevice} (shared test-jar)
 * each, logging in as the profile's name ({@code ios}, {@code nxos}, {@code eos}, {@code aoscx},
 * {@code junos}, {@code garbled}, {@code slow}) with {@link #PASSWORD}: each with its prompt
 * (privileged, as these logins are; {@code <user>@mx1>} for Junos) and its documented
 * {@code show version} (and companion) output; {@code slow} never answers a {@code show}.
 */
final class CliDevices
        implements AutoCloseable
{
    static final String PASSWORD = "cli-pass-123";

    record Profile(String hostname, boolean junos, Map<String, String> outputs) {}

    static final Map<String, Profile> PROFILES = Map.of(
            "ios", new Profile("edge1", false, Map.of("show version", FakeDevice.IOS_XE_SHOW_VERSION)),
            "nxos", new Profile("spine1", false, Map.of("show version", """
                    Cisco Nexus Operating System (NX-OS) Software
                    TAC support: http://www.cisco.com/tac

                    Software
                      BIOS: version 05.39
                      NXOS: version 9.3(8)
                      BIOS compile time:  08/30/2019
                      NXOS image file is: bootflash:///nxos.9.3.8.bin

                    Hardware
                      cisco Nexus9000 C93180YC-EX chassis
                      Intel(R) Xeon(R) CPU  @ 1.80GHz with 24632864 kB of memory.
                      Processor Board ID FDO21120U8N

                      Device name: spine1
                      bootflash:   53298520 kB
                    Kernel uptime is 120 day(s), 4 hour(s), 11 minute(s), 2 second(s)
                    """)),
            "eos", new Profile("leaf1", false, Map.of("show version", """
                    Arista DCS-7050SX3-48YC8
                    Hardware version: 12.05
                    Serial number: JPE20123456
                    Hardware MAC address: 2cdd.e9aa.bbcc
                    System MAC address: 2cdd.e9aa.bbcc

                    Software image version: 4.30.1F
                    Architecture: x86_64
                    Internal build version: 4.30.1F-32315456.4301F

                    Uptime: 1 day, 2 hours and 3 minutes
                    Total memory: 8098728 kB
                    """, "show hostname", """
                    Hostname: leaf1
                    FQDN:     leaf1.fra1.example.net
                    """)),
            "aoscx", new Profile("sw1", false, Map.of("show version", """
                    -----------------------------------------------------------------------------
                    ArubaOS-CX
                    (c) Copyright 2017-2020 Hewlett Packard Enterprise Development LP
                    -----------------------------------------------------------------------------
                    Version      : GL.10.04.0003
                    Build Date   : 2020-01-29 17:04:33 PST
                    Build ID     : ArubaOS-CX:GL.10.04.0003:9b7e4d2b0d1c:202001291630
                    Active Image : primary
                    """, "show system", """
                    Hostname                      : sw1
                    System Description            : GL.10.04.0003
                    Vendor                        : Aruba
                    Product Name                  : JL627A 8325-32C 32-port 100G QSFP+/QSFP28 BF 6 Fans 2 PS Bundle
                    Chassis Serial Nbr            : SG9ZKM3024
                    Base MAC Address              : 3821c7-5cbb00
                    ArubaOS-CX Version            : GL.10.04.0003

                    Up Time                       : 3 weeks, 2 days, 4 hours, 5 minutes
                    """)),
            "junos", new Profile("mx1", true, Map.of("show version", """
                    Hostname: mx1
                    Model: mx204
                    Junos: 21.4R3-S2.3
                    JUNOS OS Kernel 64-bit  [20220601.cc4c1c6_builder_stable_12_214]
                    """, "show chassis hardware", """
                    Hardware inventory:
                    Item             Version  Part number  Serial number     Description
                    Chassis                                BM0219AF0011      JNP204 [MX204]
                    PEM 0            Rev 04   740-069994   1EDV9250123       JPSU-650W-AC-AFO
                    """)),
            "garbled", new Profile("odd1", false, Map.of("show version", "%% the version service is restarting, try later\n")),
            "slow", new Profile("slow1", false, Map.of()));

    private final Map<String, FakeDevice> devices;

    private CliDevices(Map<String, FakeDevice> devices)
    {
        this.devices = Map.copyOf(devices);
    }

    static CliDevices start()
            throws IOException
    {
        Map<String, FakeDevice> devices = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Profile> entry : PROFILES.entrySet()) {
                Profile profile = entry.getValue();
                FakeDevice.Builder builder = FakeDevice.builder().hostname(profile.hostname()).login(entry.getKey(), PASSWORD);
                FakeDevice device = (profile.junos() ? builder.junos() : builder.privileged()).start();
                devices.put(entry.getKey(), device);
                profile.outputs().forEach(device::answer);
            }
        }
        catch (IOException | RuntimeException e) {
            new CliDevices(devices).close();
            throw e;
        }
        devices.get("slow").hangOn("show version");
        return new CliDevices(devices);
    }

    /** The port of the device that {@code user} logs in to. */
    int port(String user)
    {
        return devices.get(user).port();
    }

    @Override
    public void close()
            throws IOException
    {
        for (FakeDevice device : devices.values()) {
            device.close();
        }
    }
}
