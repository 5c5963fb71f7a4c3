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
        String text = message == null ? error.getClass().getSimpleName() : message;
        return text.lines().findFirst().orElse(text);
    }
}
