package io.netcron.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Report files (CSV, JSON) in one directory ({@code reports.dir}). Rows are records, beans or maps;
 * each file is written to a temporary file in the same directory and renamed into place, so a
 * reader never sees half a report. File names come from a pattern whose {@code {...}} parts are
 * {@link DateTimeFormatter} patterns of the current time: {@code hosts-{yyyyMMdd-HHmmss}.csv}.
 */
public final class ReportFiles
{
    private static final Pattern TIME_PART = Pattern.compile("\\{([^{}]+)}");
    private static final TypeReference<LinkedHashMap<String, Object>> ROW = new TypeReference<>() {};

    private final Path directory;
    private final Clock clock;
    private final ObjectMapper mapper;

    public ReportFiles(Path directory, Clock clock)
    {
        this.directory = requireNonNull(directory, "directory is null").toAbsolutePath().normalize();
        this.clock = requireNonNull(clock, "clock is null");
        this.mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    public Path directory()
    {
        return directory;
    }

    /** A CSV file with the columns the rows have, in the order they first appear. */
    public Path writeCsv(String namePattern, Collection<?> rows)
    {
        List<Map<String, Object>> converted = rows(rows);
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        converted.forEach(row -> columns.addAll(row.keySet()));
        return csv(namePattern, List.copyOf(columns), converted);
    }

    /** A CSV file with exactly these columns (header first); a row without a column leaves it empty. */
    public Path writeCsv(String namePattern, List<String> columns, Collection<?> rows)
    {
        requireNonNull(columns, "columns is null");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a CSV report needs at least one column");
        }
        return csv(namePattern, List.copyOf(columns), rows(rows));
    }

    public Path writeJson(String namePattern, Collection<?> rows, JsonFormat format)
    {
        requireNonNull(rows, "rows is null");
        requireNonNull(format, "format is null");
        return write(fileName(namePattern), out -> {
            if (format == JsonFormat.ARRAY) {
                mapper.writerWithDefaultPrettyPrinter().writeValue(out, rows);
                out.write('\n');
                return;
            }
            for (Object row : rows) {
                out.write(mapper.writeValueAsBytes(row));
                out.write('\n');
            }
        });
    }

    /** The file name {@code pattern} gives now: {@code {...}} parts formatted with the clock's time zone. */
    public String fileName(String pattern)
    {
        requireNonNull(pattern, "pattern is null");
        ZonedDateTime now = ZonedDateTime.now(clock);
        Matcher matcher = TIME_PART.matcher(pattern);
        StringBuilder name = new StringBuilder();
        while (matcher.find()) {
            String formatted;
            try {
                formatted = DateTimeFormatter.ofPattern(matcher.group(1)).format(now);
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("report name pattern '" + pattern + "': bad time pattern {" + matcher.group(1) + "}: " + e.getMessage());
            }
            matcher.appendReplacement(name, Matcher.quoteReplacement(formatted));
        }
        matcher.appendTail(name);
        String fileName = name.toString();
        if (fileName.isBlank() || fileName.startsWith(".") || fileName.contains("/") || fileName.contains("\\")) {
            throw new IllegalArgumentException("report name pattern '" + pattern + "' must give a plain file name, got '" + fileName + "'");
        }
        return fileName;
    }

    private Path csv(String namePattern, List<String> columns, List<Map<String, Object>> rows)
    {
        return write(fileName(namePattern), out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            Csv.writeRecord(writer, columns);
            for (Map<String, Object> row : rows) {
                List<String> fields = new ArrayList<>(columns.size());
                for (String column : columns) {
                    fields.add(cell(row.get(column)));
                }
                Csv.writeRecord(writer, fields);
            }
            writer.flush();
        });
    }

    private List<Map<String, Object>> rows(Collection<?> rows)
    {
        requireNonNull(rows, "rows is null");
        List<Map<String, Object>> converted = new ArrayList<>(rows.size());
        int index = 0;
        for (Object row : rows) {
            try {
                converted.add(mapper.convertValue(requireNonNull(row, "row " + index + " is null"), ROW));
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("report row " + index + " is not an object with fields (" + row.getClass().getSimpleName() + ")");
            }
            index++;
        }
        return converted;
    }

    /** Scalars as text; nested objects and lists as compact JSON. */
    private String cell(Object value)
    {
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            try {
                return mapper.writeValueAsString(value);
            }
            catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot write a report cell as JSON: " + e.getOriginalMessage());
            }
        }
        return value.toString();
    }

    private interface Content
    {
        void writeTo(OutputStream out)
                throws IOException;
    }

    /** Temp file in the same directory, forced to disk, renamed over the target. */
    private Path write(String fileName, Content content)
    {
        Path target = directory.resolve(fileName);
        Path temp = null;
        try {
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, "." + fileName + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + target + ": " + e.getMessage(), e);
        }
        finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                }
                catch (IOException ignored) {
                    // best effort: a stray temp file starts with a dot and ends in .tmp
                }
            }
        }
    }

    @Override
    public String toString()
    {
        return "ReportFiles[" + directory + "]";
    }
}
