package io.netcron.jobs.hardware;

import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Apache MINA SSHD on 127.0.0.1 playing several network devices at once: the login user name picks
 * the device ({@code ios}, {@code nxos}, {@code eos}, {@code aoscx}, {@code junos}, {@code garbled},
 * {@code slow}), each with its prompt and its documented {@code show version} (and companion) output.
 * Every user's password is {@link #PASSWORD}.
 */
final class CliDevices
        implements AutoCloseable
{
    static final String PASSWORD = "cli-pass-123";

    record Profile(String prompt, Map<String, String> outputs) {}

    static final Map<String, Profile> PROFILES = Map.of(
            "ios", new Profile("edge1#", Map.of("show version", """
                    Cisco IOS XE Software, Version 17.03.04a
                    Cisco IOS Software [Amsterdam], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.3.4a, RELEASE SOFTWARE (fc3)
                    Technical Support: http://www.cisco.com/techsupport
                    Copyright (c) 1986-2021 by Cisco Systems, Inc.

                    ROM: IOS-XE ROMMON
                    BOOTLDR: System Bootstrap, Version 17.3.2r, RELEASE SOFTWARE (P)

                    edge1 uptime is 1 year, 2 weeks, 3 days, 4 hours, 5 minutes
                    Uptime for this control processor is 1 year, 2 weeks, 3 days, 4 hours, 7 minutes
                    System returned to ROM by Reload Command
                    System image file is "flash:packages.conf"

                    cisco C9300-48P (X86) processor with 1419044K/6147K bytes of memory.
                    Processor board ID FCW2139L0AB
                    """)),
            "nxos", new Profile("spine1#", Map.of("show version", """
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
            "eos", new Profile("leaf1#", Map.of("show version", """
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
            "aoscx", new Profile("sw1#", Map.of("show version", """
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
            "junos", new Profile("netcron@mx1>", Map.of("show version", """
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
            "garbled", new Profile("odd1#", Map.of("show version", "%% the version service is restarting, try later\n")),
            "slow", new Profile("slow1#", Map.of()));

    private final SshServer server;

    private CliDevices(SshServer server)
    {
        this.server = server;
    }

    static CliDevices start()
            throws Exception
    {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        server.setKeyPairProvider(KeyPairProvider.wrap(generator.generateKeyPair()));
        server.setPasswordAuthenticator((user, password, session) -> PROFILES.containsKey(user) && PASSWORD.equals(password));
        server.setShellFactory(channel -> new Cli(PROFILES.get(channel.getSession().getUsername())));
        server.start();
        return new CliDevices(server);
    }

    int port()
    {
        return server.getPort();
    }

    @Override
    public void close()
            throws IOException
    {
        server.stop(true);
    }

    /** The device's CLI, as a terminal drives it: echo, CR or LF ends a line, unknown commands only get the prompt back. */
    private static final class Cli
            implements Command
    {
        private final Profile profile;
        private InputStream in;
        private OutputStream out;
        private ExitCallback exit;
        private Thread thread;

        Cli(Profile profile)
        {
            this.profile = profile;
        }

        @Override
        public void setInputStream(InputStream in)
        {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out)
        {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {}

        @Override
        public void setExitCallback(ExitCallback callback)
        {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment environment)
        {
            thread = Thread.ofVirtual().start(() -> {
                try {
                    print("\r\nauthorized access only\r\n\r\n");
                    while (true) {
                        print(profile.prompt());
                        Optional<String> line = readLine();
                        if (line.isEmpty() || line.get().strip().equals("exit")) {
                            exit.onExit(0);
                            return;
                        }
                        String command = line.get().strip();
                        if (profile == PROFILES.get("slow") && command.startsWith("show")) {
                            new CountDownLatch(1).await();
                        }
                        String output = profile.outputs().get(command);
                        if (output != null) {
                            print(output.replace("\n", "\r\n"));
                        }
                    }
                }
                catch (IOException | InterruptedException e) {
                    exit.onExit(255);
                }
            });
        }

        @Override
        public void destroy(ChannelSession channel)
        {
            if (thread != null) {
                thread.interrupt();
            }
        }

        private void print(String text)
                throws IOException
        {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private Optional<String> readLine()
                throws IOException
        {
            StringBuilder line = new StringBuilder();
            while (true) {
                int c = in.read();
                if (c < 0) {
                    return Optional.empty();
                }
                if (c == '\r' || c == '\n') {
                    print("\r\n");
                    return Optional.of(line.toString());
                }
                line.append((char) c);
                out.write(c);
                out.flush();
            }
        }
    }
}
