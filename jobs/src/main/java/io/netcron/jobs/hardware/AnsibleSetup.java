package io.netcron.jobs.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcron.credentials.Credential;
import io.netcron.credentials.CredentialException;
import io.netcron.credentials.Credentials;
import io.netcron.http.Json;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.netcron.jobs.hardware.DeviceHttp.text;
import static java.util.Objects.requireNonNull;

/**
 * Facts through Ansible: {@code ansible <host> -i <inventory> -m setup -o} per device. The login
 * (password and/or private key) travels in a temporary directory only this user can read, never on
 * the command line, and
 * the facts ({@code ansible_hostname}, {@code ansible_fqdn}, {@code ansible_system_vendor},
 * {@code ansible_product_name}, {@code ansible_product_serial}, {@code ansible_distribution*},
 * {@code ansible_uptime_seconds}) are mapped to the common shape.
 */
final class AnsibleSetup
        implements FactsReader
{
    private final Path ansible;
    private final Credentials credentials;

    AnsibleSetup(Path ansible, Credentials credentials)
    {
        this.ansible = requireNonNull(ansible, "ansible is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
    }

    /** The executable: a path as given, else looked up on PATH. */
    static Optional<Path> locate(String command)
    {
        if (command.contains("/")) {
            Path path = Path.of(command);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String directory : pathVariable.split(File.pathSeparator)) {
            if (!directory.isBlank()) {
                Path candidate = Path.of(directory, command);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public HardwareFacts read(HwTarget target, Deadline deadline)
            throws TargetException
    {
        Path directory = null;
        Process process = null;
        try {
            directory = Files.createTempDirectory("netcron-ansible-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path inventory = directory.resolve("inventory.json");
            Files.write(inventory, Json.write(inventory(target, directory)));
            process = new ProcessBuilder(List.of(ansible.toString(), target.name(), "-i", inventory.toString(), "-m", "setup", "-o"))
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(deadline.cap(java.time.Duration.ofMinutes(10)).toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TargetException(Outcome.TIMEOUT, target.name() + ": ansible setup did not finish in time");
            }
            return parse(target, new String(output, StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new TargetException(Outcome.FAILED, target.name() + ": ansible could not run: " + e.getMessage());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException(Outcome.FAILED, target.name() + ": ansible interrupted");
        }
        finally {
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            delete(directory);
        }
    }

    private Map<String, Object> inventory(HwTarget target, Path directory)
            throws TargetException, IOException
    {
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("ansible_host", target.host());
        host.put("ansible_port", target.port());
        try {
            Credential credential = credentials.get(target.credentialName());
            host.put("ansible_user", credential.username());
            credential.field(Credential.PASSWORD).ifPresent(password -> host.put("ansible_password", password.reveal()));
            if (credential.field(Credential.PRIVATE_KEY).isPresent()) {
                // ssh reads keys from files only: one in the private temporary directory, removed with it
                Path key = directory.resolve("id_key");
                Files.writeString(key, credential.field(Credential.PRIVATE_KEY).get().reveal().strip() + "\n");
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
                host.put("ansible_ssh_private_key_file", key.toString());
            }
        }
        catch (CredentialException e) {
            throw new TargetException(Outcome.FAILED, target.name() + ": " + e.getMessage());
        }
        return Map.of("all", Map.of("hosts", Map.of(target.name(), host)));
    }

    /** One line per host: {@code name | SUCCESS => {...}}, {@code name | UNREACHABLE! => {...}}, {@code name | FAILED! => {...}}. */
    static HardwareFacts parse(HwTarget target, String output)
            throws TargetException
    {
        int arrow = output.indexOf("=>");
        if (arrow < 0) {
            throw DeviceHttp.malformed(target, "ansible printed no result: " + excerpt(output));
        }
        String status = output.substring(0, arrow);
        JsonNode result = Json.tree(target.name(), "ansible setup", output.substring(arrow + 2).strip().getBytes(StandardCharsets.UTF_8));
        String message = text(result, "msg");
        if (status.contains("UNREACHABLE")) {
            boolean auth = message.contains("Permission denied") || message.contains("Authentication");
            throw new TargetException(auth ? Outcome.AUTH_FAILED : Outcome.UNREACHABLE, target.name() + ": ansible: " + excerpt(message));
        }
        if (!status.contains("SUCCESS")) {
            throw new TargetException(Outcome.FAILED, target.name() + ": ansible setup failed: " + excerpt(message));
        }
        JsonNode facts = result.path("ansible_facts");
        if (!facts.isObject()) {
            throw DeviceHttp.malformed(target, "ansible setup returned no ansible_facts");
        }
        String distribution = (text(facts, "ansible_distribution") + " " + text(facts, "ansible_distribution_version")).strip();
        HardwareFacts.Builder builder = HardwareFacts.builder()
                .hostname(text(facts, "ansible_hostname"))
                .fqdn(text(facts, "ansible_fqdn"))
                .vendor(text(facts, "ansible_system_vendor"))
                .model(text(facts, "ansible_product_name"))
                .serialNumber(text(facts, "ansible_product_serial"))
                .osVersion(distribution)
                .extra("kernel", text(facts, "ansible_kernel"))
                .extra("architecture", text(facts, "ansible_architecture"))
                .extra("bios_version", text(facts, "ansible_bios_version"));
        if (facts.path("ansible_uptime_seconds").isNumber()) {
            builder.uptimeSeconds(facts.path("ansible_uptime_seconds").asLong());
        }
        return builder.build();
    }

    private static String excerpt(String text)
    {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    private static void delete(Path directory)
    {
        if (directory == null) {
            return;
        }
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ignored) {
            // a temp directory left behind is removed with the temp dir
        }
    }
}
