package io.netcron.server.cli;

import io.netcron.server.app.NetcronServer;
import io.netcron.server.config.NetcronConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code netcron server}: a node, until SIGTERM or Ctrl-C, then a graceful drain. */
@Command(name = "server", description = "Run a node (daemon mode). Without db.url, starts an embedded PostgreSQL in the data directory.")
public final class ServerCommand
        implements Callable<Integer>
{
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call()
            throws Exception
    {
        NetcronConfig config = options.load();
        NetcronServer server = NetcronServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "netcron-shutdown"));
        stopped.await();
        return 0;
    }
}
