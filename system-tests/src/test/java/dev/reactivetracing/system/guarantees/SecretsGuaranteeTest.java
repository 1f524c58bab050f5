package dev.reactivetracing.system.guarantees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * No secrets in the repository: no private keys or cloud tokens anywhere, and no literal password, secret, token or
 * key outside what is for a laptop only: %dev/%test/%local profile lines, the dev Kubernetes overlay, test code, and
 * defaults a variable overrides (${VAR:-demo}). Production reads credentials from the environment (a Secret).
 */
class SecretsGuaranteeTest {

    private static final List<Pattern> ALWAYS_SECRET = List.of(
            Pattern.compile("-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----"),
            Pattern.compile("AKIA[0-9A-Z]{16}"), Pattern.compile("gh[pousr]_[A-Za-z0-9]{36}"),
            Pattern.compile("xox[abprs]-[A-Za-z0-9-]{10,}"), Pattern.compile("sk_live_[A-Za-z0-9]{16,}"));
    /** name = literal, name: literal, name="literal"; a literal starting with $ { < is a reference, not a value. */
    private static final Pattern ASSIGNED = Pattern.compile(
            "(?i)([A-Za-z0-9_.-]*(password|passwd|secret|token|api[_-]?key|access[_-]?key|credentials?))"
                    + "[\"']?\\s*[:=]\\s*[\"']?([^\\s\"'`$<{(,;?]{3,})");
    private static final List<String> NOT_A_VALUE = List.of("true", "false", "null", "none", "required", "optional");

    @Test
    void noCredentialsAreCommittedOutsideLocalProfiles() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        List<String> files = trackedFiles(root);
        List<String> findings = new ArrayList<>();
        for (String file : files) {
            if (isLocalOnly(file)) {
                continue;
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(root.resolve(file), StandardCharsets.UTF_8);
            } catch (MalformedInputException binary) {
                continue;
            } catch (java.nio.file.NoSuchFileException deleted) {
                continue;
            }
            findings.addAll(findings(file, lines));
        }
        Guarantees.add(Figure.SECRETS_FOUND, findings.size());
        assertTrue(files.size() > 100, "scanned the repository: " + files.size() + " files");
        assertEquals(List.of(), findings);
    }

    @Test
    void theScanFlagsLiteralsAndNotCode() {
        assertEquals(3, findings("Config.java", List.of(
                "static final String PASSWORD = \"hunter22\";", // a literal in code
                "String token = properties.getProperty(\"token\");", // code reading a value: not a literal
                "this.trustedToken = trustedToken.filter(value -> !value.isBlank());")).size()
                + findings("application.properties", List.of(
                        "quarkus.datasource.password=hunter22", // a literal in configuration
                        "quarkus.datasource.password=${DB_PASSWORD}", // a reference
                        "%dev.quarkus.datasource.password=demo")).size() // a laptop's profile
                + findings("key.pem", List.of("-----BEGIN PRIVATE KEY-----")).size());
    }

    /**
     * The lines of one file that hold a credential. In Java sources only a string literal is a value (an assignment
     * from a variable or a call is code); in every other file anything after {@code name =} or {@code name:} is.
     */
    static List<String> findings(String file, List<String> lines) {
        boolean code = file.endsWith(".java");
        List<String> findings = new ArrayList<>();
        for (int number = 0; number < lines.size(); number++) {
            String line = lines.get(number);
            for (Pattern secret : ALWAYS_SECRET) {
                if (secret.matcher(line).find()) {
                    findings.add(file + ":" + (number + 1) + ": " + line.strip());
                }
            }
            Matcher assigned = ASSIGNED.matcher(line);
            while (assigned.find()) {
                String value = assigned.group(3);
                // $NAME or ${NAME...}: a variable being read, not a value being written.
                boolean variable = line.substring(0, assigned.start()).matches("(?s).*\\$\\{?");
                boolean placeholder = NOT_A_VALUE.contains(value.toLowerCase(java.util.Locale.ROOT))
                        || value.equalsIgnoreCase(assigned.group(2)); // PASSWORD :'password' (a psql variable)
                boolean notALiteral = code && line.charAt(assigned.start(3) - 1) != '"';
                if (!variable && !placeholder && !notALiteral && !isLocalProfile(line)) {
                    findings.add(file + ":" + (number + 1) + ": " + line.strip());
                }
            }
        }
        return findings;
    }

    private static boolean isLocalOnly(String file) {
        return file.startsWith("deploy/k8s/overlays/dev/") || file.contains("/src/test/")
                || file.startsWith("testing/") // test support
                // the embedded PostgreSQL of bin/run, bin/dev, the benchmark and the tests; no service depends on it
                || file.startsWith("tooling/")
                || file.equals("docker-compose.yml"); // a laptop's compose file: demo defaults, each ${VAR:-...}
    }

    private static boolean isLocalProfile(String line) {
        String stripped = line.strip();
        return stripped.startsWith("%dev.") || stripped.startsWith("%test.") || stripped.startsWith("%local.");
    }

    private static List<String> trackedFiles(Path root) throws IOException {
        try {
            Process git = new ProcessBuilder("git", "ls-files").directory(root.toFile()).start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (git.waitFor() == 0) {
                return output.lines().filter(line -> !line.isBlank()).toList();
            }
        } catch (IOException | UncheckedIOException noGit) {
            // a source archive: walk it instead
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        try (var paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).map(path -> root.relativize(path).toString())
                    .filter(path -> !path.contains("target/") && !path.startsWith(".git/")
                            && !path.contains("node_modules/") && !path.startsWith(".local-run/"))
                    .toList();
        }
    }
}
