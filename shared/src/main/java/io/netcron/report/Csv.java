package io.netcron.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** RFC 4180 text: fields quoted when they hold a comma, a double quote, CR or LF (quotes doubled); CRLF between records. */
public final class Csv
{
    public static final String LINE_END = "\r\n";

    private Csv() {}

    public static String field(String value)
    {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    public static void writeRecord(Writer writer, List<String> fields)
            throws IOException
    {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(field(fields.get(i)));
        }
        writer.write(LINE_END);
    }
}
