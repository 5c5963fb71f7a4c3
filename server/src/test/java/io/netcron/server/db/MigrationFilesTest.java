package io.netcron.server.db;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Migrations are numbered once: a duplicate or malformed number fails the build, not a deploy. */
class MigrationFilesTest
{
    private static final Pattern NAME = Pattern.compile("V(\\d{3})__[a-z0-9_]+\\.sql");

    @Test
    void everyMigrationHasAUniqueThreeDigitNumber()
            throws IOException
    {
        List<String> files;
        try (Stream<Path> listing = Files.list(Path.of("..", "sql"))) {
            files = listing.map(path -> path.getFileName().toString()).sorted().toList();
        }
        assertThat(files).isNotEmpty().allMatch(name -> NAME.matcher(name).matches(), "named V###__lower_snake.sql");
        Map<String, Long> byNumber = files.stream().map(name -> {
            Matcher matcher = NAME.matcher(name);
            return matcher.matches() ? matcher.group(1) : name;
        }).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(byNumber).allSatisfy((number, count) -> assertThat(count).as("migrations numbered " + number).isEqualTo(1));
    }
}
