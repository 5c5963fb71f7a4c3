package io.netcron.server.errors;

/** Error text for operators. */
public final class Errors
{
    private Errors() {}

    /** The most telling message of an exception chain, on one line. */
    public static String oneLine(Throwable error)
    {
        Throwable current = error;
        String message = null;
        while (current != null) {
            if (current.getMessage() != null && !current.getMessage().isBlank()) {
                message = current.getMessage();
            }
            if (current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        return message == null ? error.getClass().getSimpleName() : firstLine(message);
    }

    /**
     * The first line of this exception's own message (a PostgreSQL error goes on with its detail
     * and hint), or its class's simple name when it has no message.
     */
    public static String firstLine(Throwable error)
    {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : firstLine(message);
    }

    /** The first line of a text of several lines. */
    public static String firstLine(String text)
    {
        return text.lines().findFirst().orElse(text);
    }
}
