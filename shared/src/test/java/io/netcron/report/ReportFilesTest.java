package io.netcron.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportFilesTest
{
    private static final Instant NOW = Instant.parse("2026-11-30T14:05:09Z");

    record Host(String name, String address, int ports, Instant seen) {}

    @TempDir
    Path temp;

    private ReportFiles reports()
    {
        return new ReportFiles(temp.resolve("reports"), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void csvHasAHeaderFromTheColumnsAndQuotesAsRfc4180Says()
            throws Exception
    {
        Map<String, Object> tricky = new LinkedHashMap<>();
        tricky.put("name", "core, \"main\" router");
        tricky.put("note", "line one\nline two");
        tricky.put("site", "Zürich");

        Path file = reports().writeCsv("devices-{yyyyMMdd-HHmmss}.csv", List.of("name", "site", "note", "missing"), List.of(tricky));

        assertThat(file).hasFileName("devices-20261130-140509.csv");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(
                "name,site,note,missing\r\n"
                        + "\"core, \"\"main\"\" router\",Zürich,\"line one\nline two\",\r\n");
    }

    @Test
    void csvColumnsComeFromRecordComponentsInOrder()
            throws Exception
    {
        Path file = reports().writeCsv("hosts.csv", List.of(new Host("r1", "192.0.2.1", 3, NOW), new Host("r2", "192.0.2.2", 0, NOW)));

        assertThat(Files.readAllLines(file)).containsExactly(
                "name,address,ports,seen",
                "r1,192.0.2.1,3,2026-11-30T14:05:09Z",
                "r2,192.0.2.2,0,2026-11-30T14:05:09Z");
    }

    @Test
    void nestedValuesBecomeJsonInACell()
            throws Exception
    {
        Path file = reports().writeCsv("x.csv", List.of(Map.of("tags", List.of("a", "b"))));

        assertThat(Files.readAllLines(file)).containsExactly("tags", "\"[\"\"a\"\",\"\"b\"\"]\"");
    }

    @Test
    void jsonArrayOfObjects()
            throws Exception
    {
        Path file = reports().writeJson("hosts-{yyyy-MM-dd}.json", List.of(new Host("r1", "192.0.2.1", 3, NOW)), JsonFormat.ARRAY);

        assertThat(file).hasFileName("hosts-2026-11-30.json");
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.isArray()).isTrue();
        assertThat(json.get(0).get("name").asText()).isEqualTo("r1");
        assertThat(json.get(0).get("seen").asText()).isEqualTo("2026-11-30T14:05:09Z");
    }

    @Test
    void jsonLinesHaveOneObjectPerLine()
            throws Exception
    {
        Path file = reports().writeJson("hosts.jsonl", List.of(new Host("r1", "192.0.2.1", 3, NOW), Map.of("name", "r2")), JsonFormat.LINES);

        assertThat(Files.readString(file)).isEqualTo(
                "{\"name\":\"r1\",\"address\":\"192.0.2.1\",\"ports\":3,\"seen\":\"2026-11-30T14:05:09Z\"}\n"
                        + "{\"name\":\"r2\"}\n");
    }

    @Test
    void aReportReplacesTheFileWholeAndLeavesNoTemporaryFile()
            throws Exception
    {
        ReportFiles reports = reports();
        reports.writeCsv("same.csv", List.of("a"), List.of(Map.of("a", "first"), Map.of("a", "second")));

        Path file = reports.writeCsv("same.csv", List.of("a"), List.of(Map.of("a", "third")));

        assertThat(Files.readAllLines(file)).containsExactly("a", "third");
        try (var files = Files.list(reports.directory())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void namePatternMustGiveAPlainFileName()
    {
        assertThatThrownBy(() -> reports().writeCsv("../up.csv", List.of("a"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("report name pattern '../up.csv' must give a plain file name, got '../up.csv'");
    }

    @Test
    void scalarRowsAreRefused()
    {
        assertThatThrownBy(() -> reports().writeCsv("x.csv", List.of("plain text")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("report row 0 is not an object with fields (String)");
    }
}
