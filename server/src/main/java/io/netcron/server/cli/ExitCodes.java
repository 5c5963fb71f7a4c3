package io.netcron.server.cli;

/** Exit codes of the {@code netcron} command (Main maps exceptions to them). */
public final class ExitCodes
{
    public static final int FAILURE = 1;
    /** A mistake the user can fix: configuration, arguments, unknown names. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
