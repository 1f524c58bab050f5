package dev.reactivetracing.inventory.telemetry.export;

import java.util.HashMap;
import java.util.Map;

import dev.reactivetracing.testing.tls.TestCertificates;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Spans leave over OTLP http/protobuf to an HTTPS collector whose certificate a test authority signed (trusted through
 * {@code trust-cert}), presenting a client certificate ({@code key-cert}): mutual TLS, as managed backends ask.
 */
@QuarkusTest
@TestProfile(OtlpHttpsExportTest.Https.class)
class OtlpHttpsExportTest extends OtlpExportContract {

    public static class Https implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            TestCertificates certificates = ExportReceivers.certificates();
            Map<String, String> config = new HashMap<>(ExportReceivers.exportTo("http/protobuf",
                    ExportReceivers.https().endpoint()));
            config.put("quarkus.otel.exporter.otlp.trust-cert.certs", certificates.authorityCertificate().toString());
            config.put("quarkus.otel.exporter.otlp.key-cert.certs", certificates.clientCertificate().toString());
            config.put("quarkus.otel.exporter.otlp.key-cert.keys", certificates.clientKey().toString());
            return config;
        }
    }

    OtlpHttpsExportTest() {
        super(ExportReceivers.https(), "http/protobuf", TestCertificates.CLIENT_SUBJECT);
    }
}
