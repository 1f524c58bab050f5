package dev.reactivetracing.inventory.telemetry.export;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Spans leave over OTLP/gRPC ({@code quarkus.otel.exporter.otlp.protocol=grpc}), with gzip and headers. */
@QuarkusTest
@TestProfile(OtlpGrpcExportTest.Grpc.class)
class OtlpGrpcExportTest extends OtlpExportContract {

    public static class Grpc implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return ExportReceivers.exportTo("grpc", ExportReceivers.grpc().endpoint());
        }
    }

    OtlpGrpcExportTest() {
        super(ExportReceivers.grpc(), "grpc", "none");
    }
}
