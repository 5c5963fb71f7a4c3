package io.netcron.dist;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/Containerfile's essentials, checked against the build output it copies from (so this
 * runs after {@code package}): non-root user, netcron entrypoint and command, health check, no
 * secret, and every copied path exists.
 */
class ContainerfileIT
{
    private static final Pattern EXEC_FORM = Pattern.compile("\\[.*]");
    private static final String BUILD_ROOT = "/src";

    private static List<Instruction> instructions;

    @BeforeAll
    static void parse()
            throws IOException
    {
        instructions = parse(Files.readAllLines(Repository.file("deploy/Containerfile")));
    }

    @Test
    void runsAsANonRootUser()
    {
        String user = last(finalStage(), "USER").arguments().split(":")[0];
        assertThat(user).isNotIn("root", "0", "");
    }

    @Test
    void entrypointIsTheReleaseLauncherAndTheDefaultCommandIsServer()
    {
        List<String> entrypoint = execForm(last(finalStage(), "ENTRYPOINT"));
        assertThat(entrypoint).containsExactly("/opt/netcron/bin/netcron");
        assertThat(Tarball.entries(Repository.tarball())).hasEntrySatisfying("bin/netcron", mode -> assertThat(Tarball.executable(mode)).isTrue());
        List<String> command = execForm(last(finalStage(), "CMD"));
        Repository.assertNetcronCommand(command);
        assertThat(command).containsExactly("server");
    }

    @Test
    void healthCheckAsksTheNodeOnItsManagementPort()
    {
        String healthcheck = last(finalStage(), "HEALTHCHECK").arguments();
        Matcher command = Pattern.compile("CMD\\s+(\\[.*])").matcher(healthcheck);
        assertThat(command.find()).as("HEALTHCHECK ... CMD [exec form]: %s", healthcheck).isTrue();
        List<String> words = json(command.group(1));
        assertThat(words.getFirst()).isEqualTo(execForm(last(finalStage(), "ENTRYPOINT")).getFirst());
        Repository.assertNetcronCommand(words.subList(1, words.size()));
        assertThat(words.subList(1, words.size())).containsExactly("health");
        assertThat(environment(finalStage())).hasEntrySatisfying("NETCRON_HTTP_PORT", port -> assertThat(Integer.parseInt(port)).isPositive());
    }

    @Test
    void environmentHoldsOnlyRealSettingsAndNoSecret()
            throws IOException
    {
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("ENV") || instruction.keyword().equals("ARG")) {
                assertThat(instruction.arguments()).as(instruction.toString()).doesNotContainPattern("(?i)(password|secret|token|keyset)");
            }
        }
        assertThat(environment(finalStage()).keySet())
                .filteredOn(name -> name.startsWith("NETCRON_"))
                .isNotEmpty()
                .isSubsetOf(Repository.knownVariables());
        assertThat(Files.readString(Repository.file(".dockerignore"))).contains("secrets");
    }

    @Test
    void everyCopiedPathExistsInTheContextOrTheBuildOutput()
    {
        List<Instruction> buildStage = stages().getFirst();
        String buildRuns = String.join("\n", buildStage.stream().filter(i -> i.keyword().equals("RUN")).map(Instruction::arguments).toList());
        // the build stage's inputs from `mvn package`: each must exist after this module's package phase
        Matcher outputs = Pattern.compile("(\\S+/target/\\S+)").matcher(buildRuns);
        int checked = 0;
        while (outputs.find()) {
            assertThat(matches(outputs.group(1))).as("build output %s", outputs.group(1)).isNotEmpty();
            checked++;
        }
        assertThat(checked).isPositive();
        for (Instruction copy : instructions.stream().filter(i -> i.keyword().equals("COPY")).toList()) {
            List<String> words = new ArrayList<>(List.of(copy.arguments().split("\\s+")));
            boolean fromBuild = words.removeIf(word -> word.startsWith("--from="));
            List<String> sources = words.subList(0, words.size() - 1);
            for (String source : sources) {
                if (!fromBuild) {
                    assertThat(Repository.root().resolve(source).normalize()).as(copy.toString()).exists();
                }
                else if (source.startsWith(BUILD_ROOT + "/")) {
                    assertThat(matches(source.substring(BUILD_ROOT.length() + 1))).as(copy.toString()).isNotEmpty();
                }
                else {
                    assertThat(buildRuns).as("%s: made by the build stage", copy).contains("-C " + source);
                }
            }
        }
    }

    private static List<Path> matches(String glob)
    {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> files = Files.walk(Repository.root(), 4)) {
            return files.filter(path -> matcher.matches(Repository.root().relativize(path))).toList();
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> environment(List<Instruction> stage)
    {
        Map<String, String> environment = new LinkedHashMap<>();
        Matcher pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)").matcher("");
        stage.stream().filter(i -> i.keyword().equals("ENV")).forEach(env -> {
            pair.reset(env.arguments());
            while (pair.find()) {
                environment.put(pair.group(1), pair.group(2).replace("\"", ""));
            }
        });
        return environment;
    }

    private static List<String> execForm(Instruction instruction)
    {
        assertThat(instruction.arguments()).as("%s in exec form", instruction).matches(EXEC_FORM);
        return json(instruction.arguments());
    }

    private static List<String> json(String array)
    {
        try {
            return List.of(new ObjectMapper().readValue(array, String[].class));
        }
        catch (IOException e) {
            throw new AssertionError("not a JSON array: " + array, e);
        }
    }

    private static Instruction last(List<Instruction> stage, String keyword)
    {
        return stage.stream().filter(i -> i.keyword().equals(keyword)).reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no " + keyword + " in the final stage"));
    }

    private static List<Instruction> finalStage()
    {
        return stages().getLast();
    }

    private static List<List<Instruction>> stages()
    {
        List<List<Instruction>> stages = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            stages.getLast().add(instruction);
        }
        assertThat(stages).as("a build stage and a runtime stage").hasSizeGreaterThanOrEqualTo(2);
        return stages;
    }

    /** Instructions with continuation lines joined and comments dropped. */
    static List<Instruction> parse(List<String> lines)
    {
        List<Instruction> parsed = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String text = line.strip();
            if (text.startsWith("#") || (text.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continued = text.endsWith("\\");
            current.append(continued ? text.substring(0, text.length() - 1) : text).append(' ');
            if (!continued) {
                String instruction = current.toString().strip();
                int space = instruction.indexOf(' ');
                parsed.add(new Instruction(instruction.substring(0, space).toUpperCase(), instruction.substring(space + 1).strip()));
                current.setLength(0);
            }
        }
        return parsed;
    }

    record Instruction(String keyword, String arguments)
    {
        @Override
        public String toString()
        {
            return keyword + " " + arguments;
        }
    }
}
