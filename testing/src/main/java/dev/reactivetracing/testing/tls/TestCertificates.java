package dev.reactivetracing.testing.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority, a server certificate for {@code localhost}/{@code 127.0.0.1} and a client
 * certificate ({@code CN=otlp-client}), both signed by it, as PEM files: made with the JDK's own {@code keytool}, so no
 * library and no certificate is checked in.
 */
public final class TestCertificates {

    public static final String CLIENT_SUBJECT = "CN=otlp-client";
    private static final String STORE_PASSWORD = "changeit";

    private final Path directory;

    private TestCertificates(Path directory) {
        this.directory = directory;
    }

    /** Creates the authority and both certificates in a new temporary directory. */
    public static TestCertificates create() {
        try {
            TestCertificates certificates = new TestCertificates(Files.createTempDirectory("test-certificates-"));
            certificates.generate();
            return certificates;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    public Path authorityCertificate() {
        return directory.resolve("ca.pem");
    }

    public Path serverCertificate() {
        return directory.resolve("server.crt");
    }

    public Path serverKey() {
        return directory.resolve("server.key");
    }

    public Path clientCertificate() {
        return directory.resolve("client.crt");
    }

    public Path clientKey() {
        return directory.resolve("client.key");
    }

    private void generate() throws IOException {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=test-ca",
                "-ext", "bc:c", "-validity", "2", "-keystore", file("ca.p12"), "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", file("ca.p12"), "-storepass", STORE_PASSWORD,
                "-file", file("ca.pem"));
        issue("server", "CN=localhost", "san=dns:localhost,ip:127.0.0.1", "eku=serverAuth");
        issue("client", CLIENT_SUBJECT, null, "eku=clientAuth");
    }

    private void issue(String name, String subject, String subjectAlternativeNames, String keyUsage)
            throws IOException {
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", subject,
                "-validity", "2", "-keystore", file(name + ".p12"), "-storepass", STORE_PASSWORD);
        keytool("-certreq", "-alias", name, "-keystore", file(name + ".p12"), "-storepass", STORE_PASSWORD, "-file",
                file(name + ".csr"));
        List<String> sign = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", file("ca.p12"),
                "-storepass", STORE_PASSWORD, "-infile", file(name + ".csr"), "-outfile", file(name + ".crt"), "-rfc",
                "-validity", "2", "-ext", keyUsage));
        if (subjectAlternativeNames != null) {
            sign.addAll(List.of("-ext", subjectAlternativeNames));
        }
        keytool(sign.toArray(String[]::new));
        writePrivateKey(name);
    }

    /** The key as unencrypted PKCS#8 PEM, which Vert.x and the OTLP exporters read. */
    private void writePrivateKey(String name) throws IOException {
        try (InputStream store = Files.newInputStream(directory.resolve(name + ".p12"))) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(store, STORE_PASSWORD.toCharArray());
            byte[] encoded = keys.getKey(name, STORE_PASSWORD.toCharArray()).getEncoded();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(encoded)
                    + "\n-----END PRIVATE KEY-----\n";
            Files.writeString(directory.resolve(name + ".key"), pem, StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException("Could not read the " + name + " key back", failure);
        }
    }

    private String file(String name) {
        return directory.resolve(name).toString();
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed:\n" + output);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running keytool", interrupted);
        }
    }
}
