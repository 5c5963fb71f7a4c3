package io.netcron.server.testjobs;

import io.netcron.job.JobContext;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Blocks in a socket read on loopback that never gets an answer (a device that never sends its
 * prompt). The read does not see Thread.interrupt(); only closing the socket, registered with
 * {@code context.onCancel}, ends it.
 */
@JobSpec(name = "test-blocking-read", category = "test", description = "Blocks in a socket read", maxRuntime = "2s")
public final class BlockingReadJob
        implements NetcronJob
{
    @Override
    public JobResult execute(JobContext context)
            throws Exception
    {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()));
            context.onCancel(socket);
            context.output("reading");
            int read = socket.getInputStream().read();
            return JobResult.of("read", read);
        }
    }
}
