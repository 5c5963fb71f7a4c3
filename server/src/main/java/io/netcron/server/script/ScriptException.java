package io.netcron.server.script;

/** A script that cannot be started (missing interpreter, unknown file, missing credential); the message is one line for the run's error. */
public final class ScriptException
        extends Exception
{
    public ScriptException(String message)
    {
        super(message);
    }
}
