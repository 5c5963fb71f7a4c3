package io.netcron.server.lifecycle;

/** A component with a running phase. Started in binding order, stopped in reverse. */
public interface Service
{
    void start()
            throws Exception;

    void stop()
            throws Exception;
}
