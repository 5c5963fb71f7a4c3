package io.netcron.jobs.backup;

import io.netcron.target.Outcome;
import io.netcron.target.TargetException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a device's answer into the text that is committed: volatile lines dropped, certificate
 * blobs optionally folded to one line, trailing blanks trimmed; refuses an answer that is not a
 * configuration (an error message, nearly nothing) so a bad fetch never overwrites a good backup.
 */
final class ConfigText
{
    static final String CERTIFICATE_OMITTED = "  ! certificate body omitted by netcron";
    private static final int MIN_LINES = 3;
    private static final Pattern ERROR = Pattern.compile(
            "^(% ?Invalid input.*|% ?Unknown command.*|% ?Incomplete command.*|% ?Ambiguous command.*|\\s*\\^?\\s*syntax error.*|error: .*|Invalid input: .*)$");
    private static final Pattern CERTIFICATE_START = Pattern.compile("^\\s*certificate\\s+(self-signed\\s+|ca\\s+)?[0-9A-Fa-f]+\\s*$");
    private static final Pattern CERTIFICATE_END = Pattern.compile("^\\s*quit\\s*$");

    private ConfigText() {}

    static String clean(String device, String raw, List<Pattern> volatileLines, boolean stripCertificates)
            throws TargetException
    {
        List<String> kept = new ArrayList<>();
        boolean inCertificate = false;
        for (String line : raw.replace("\r", "").split("\n", -1)) {
            String trimmed = stripTrailing(line);
            if (ERROR.matcher(trimmed.strip()).matches()) {
                throw new TargetException(Outcome.PARSE_ERROR, device + ": the device refused the command: " + trimmed.strip());
            }
            if (inCertificate) {
                if (CERTIFICATE_END.matcher(trimmed).matches()) {
                    inCertificate = false;
                    kept.add(CERTIFICATE_OMITTED);
                    kept.add(trimmed);
                }
                continue;
            }
            if (stripCertificates && CERTIFICATE_START.matcher(trimmed).matches()) {
                inCertificate = true;
                kept.add(trimmed);
                continue;
            }
            if (volatileLines.stream().noneMatch(pattern -> pattern.matcher(trimmed).matches())) {
                kept.add(trimmed);
            }
        }
        while (!kept.isEmpty() && kept.getFirst().isBlank()) {
            kept.removeFirst();
        }
        while (!kept.isEmpty() && kept.getLast().isBlank()) {
            kept.removeLast();
        }
        if (kept.stream().filter(line -> !line.isBlank()).count() < MIN_LINES) {
            throw new TargetException(Outcome.PARSE_ERROR, device + ": the answer does not look like a configuration (" + kept.size() + " lines)");
        }
        return String.join("\n", kept) + "\n";
    }

    private static String stripTrailing(String line)
    {
        return line.stripTrailing();
    }
}
