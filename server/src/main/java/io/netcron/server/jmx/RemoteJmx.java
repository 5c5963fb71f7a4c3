package io.netcron.server.jmx;

import io.netcron.server.config.JmxConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import javax.net.ssl.SSLServerSocketFactory;
import javax.rmi.ssl.SslRMIClientSocketFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.rmi.AlreadyBoundException;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Remote JMX over RMI with the registry and the connector on one port ({@code jmx.port}), bound
 * to {@code jmx.bind-address}, password and access files required, TLS with {@code jmx.ssl}
 * (the JVM's {@code javax.net.ssl.keyStore} properties). Clients connect to
 * {@code service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi}, which is what jconsole and VisualVM
 * build from {@code HOST:PORT}.
 */
final class RemoteJmx
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(RemoteJmx.class);
    private static final String RMI_HOSTNAME = "java.rmi.server.hostname";

    private final JMXConnectorServer connector;
    private final Registry registry;

    private RemoteJmx(JMXConnectorServer connector, Registry registry)
    {
        this.connector = connector;
        this.registry = registry;
    }

    /** Passwords and operations in clear text on a network others can reach: said loudly at every start. */
    static Optional<String> plainTextWarning(InetAddress bind, boolean ssl)
    {
        if (ssl || bind.isLoopbackAddress()) {
            return Optional.empty();
        }
        return Optional.of("*** INSECURE: remote JMX listens on " + (bind.isAnyLocalAddress() ? "every address" : bind.getHostAddress())
                + " WITHOUT TLS: JMX passwords and every operation (drain, runNow, setSchedule) cross the network in clear text."
                + " Set jmx.ssl=true (see deploy/jmx/) or jmx.bind-address=127.0.0.1 with an SSH tunnel ***");
    }

    static RemoteJmx start(JmxConfig config)
            throws IOException
    {
        int port = config.port().orElseThrow();
        InetAddress bind = InetAddress.getByName(config.bindAddress());
        // the stubs a client receives carry this host name: make it the address we listen on
        if (System.getProperty(RMI_HOSTNAME) == null && !bind.isAnyLocalAddress()) {
            System.setProperty(RMI_HOSTNAME, bind.getHostAddress());
        }
        RMIServerSocketFactory serverSockets = new BoundServerSocketFactory(bind, config.ssl());
        RMIClientSocketFactory clientSockets = config.ssl() ? new SslRMIClientSocketFactory() : null;

        Map<String, Object> environment = new HashMap<>();
        environment.put("jmx.remote.x.password.file", config.passwordFile().orElseThrow().toString());
        environment.put("jmx.remote.x.access.file", config.accessFile().orElseThrow().toString());
        environment.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, serverSockets);
        if (clientSockets != null) {
            environment.put(RMIConnectorServer.RMI_CLIENT_SOCKET_FACTORY_ATTRIBUTE, clientSockets);
        }

        Registry registry = LocateRegistry.createRegistry(port, clientSockets, serverSockets);
        JMXConnectorServer connector = null;
        try {
            // the same endpoint (port and socket factories) as the registry: RMI shares the listening socket
            RMIJRMPServerImpl server = new RMIJRMPServerImpl(port, clientSockets, serverSockets, environment);
            String host = bind.isAnyLocalAddress() ? InetAddress.getLocalHost().getHostName() : bind.getHostAddress();
            // no JNDI path: the connector exports its stub, and the stub is bound in our registry below
            connector = new RMIConnectorServer(new JMXServiceURL("rmi", host, port), environment, server, ManagementFactory.getPlatformMBeanServer());
            connector.start();
            registry.bind("jmxrmi", server.toStub());
            log.info("Remote JMX on service:jmx:rmi:///jndi/rmi://{}:{}/jmxrmi (authentication required{})", host, port, config.ssl() ? ", TLS" : "");
            plainTextWarning(bind, config.ssl()).ifPresent(log::warn);
            return new RemoteJmx(connector, registry);
        }
        catch (IOException | AlreadyBoundException | RuntimeException e) {
            if (connector != null) {
                try {
                    connector.stop();
                }
                catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            UnicastRemoteObject.unexportObject(registry, true);
            throw new IOException("jmx.port (NETCRON_JMX_PORT): cannot start remote JMX on " + config.bindAddress() + ":" + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close()
    {
        try {
            connector.stop();
        }
        catch (IOException e) {
            log.warn("Stopping remote JMX failed: {}", e.getMessage());
        }
        try {
            UnicastRemoteObject.unexportObject(registry, true);
        }
        catch (NoSuchObjectException e) {
            // already unexported
        }
    }

    /** Server sockets on one address (loopback by default), plain or TLS. A record: equal factories share a port. */
    private record BoundServerSocketFactory(InetAddress address, boolean ssl)
            implements RMIServerSocketFactory
    {
        BoundServerSocketFactory
        {
            requireNonNull(address, "address is null");
        }

        @Override
        public ServerSocket createServerSocket(int port)
                throws IOException
        {
            ServerSocket socket = ssl ? SSLServerSocketFactory.getDefault().createServerSocket() : new ServerSocket();
            try {
                socket.bind(new InetSocketAddress(address, port));
                return socket;
            }
            catch (IOException e) {
                socket.close();
                throw e;
            }
        }
    }
}
