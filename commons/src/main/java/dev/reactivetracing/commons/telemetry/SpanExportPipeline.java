package dev.reactivetracing.commons.telemetry;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.opentelemetry.runtime.config.runtime.BatchSpanProcessorConfig;
import io.quarkus.opentelemetry.runtime.config.runtime.OTelRuntimeConfig;
import io.quarkus.opentelemetry.runtime.config.runtime.exporter.CompressionType;
import io.quarkus.opentelemetry.runtime.config.runtime.exporter.OtlpExporterConfig;
import io.quarkus.opentelemetry.runtime.config.runtime.exporter.OtlpExporterRuntimeConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * How spans leave a service: the OpenTelemetry SDK's batch span processor and OTLP/HTTP exporter, configured from the
 * extension's own properties ({@code quarkus.otel.bsp.*}, {@code quarkus.otel.exporter.otlp[.traces].endpoint,
 * headers, compression, timeout}).
 * <p>
 * Why not the extension's exporter: the extension builds its batch processor and exporter with a no-op meter provider
 * (Quarkus 3.31), so spans dropped because the collector is down or slow are dropped silently. Built here with the
 * service's meter provider, the SDK counts them: {@code processedSpans{dropped=true}} when the bounded queue is full,
 * {@code queueSize}, and the exporter's {@code otlp.exporter.exported{success=false}} for failed batches. The queue is
 * bounded ({@code quarkus.otel.bsp.max.queue.size}), so a collector that is away costs memory up to that bound and
 * never delays a request.
 * <p>
 * Active when the build sets {@code quarkus.otel.traces.exporter=none} (every profile but test, whose in-memory
 * exporter goes through the extension's processor). The processor is built once the application has started (or at the
 * first span that ends, if that comes first), because its instruments need the meter provider of the SDK that is
 * still being built when this bean is created.
 */
@Singleton
@IfBuildProperty(name = "quarkus.otel.traces.exporter", stringValue = "none")
public class SpanExportPipeline implements SpanProcessor {

    private static final Logger LOG = Logger.getLogger(SpanExportPipeline.class);
    private static final String TRACES_PATH = "/v1/traces";

    private final Instance<OpenTelemetry> openTelemetry;
    private final BatchSpanProcessorConfig batchConfig;
    private final OtlpExporterRuntimeConfig exporterConfig;
    private volatile SpanProcessor batchProcessor;
    private volatile boolean shutDown;

    public SpanExportPipeline(Instance<OpenTelemetry> openTelemetry, OTelRuntimeConfig otelConfig,
            OtlpExporterRuntimeConfig exporterConfig) {
        this.openTelemetry = openTelemetry;
        this.batchConfig = otelConfig.bsp();
        this.exporterConfig = exporterConfig;
        refuseUnsupportedSettings(exporterConfig);
    }

    void buildAtStartup(@Observes StartupEvent started) {
        batchProcessor();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (!shutDown) {
            batchProcessor().onEnd(span);
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @Override
    public CompletableResultCode forceFlush() {
        SpanProcessor processor = batchProcessor;
        return processor == null ? CompletableResultCode.ofSuccess() : processor.forceFlush();
    }

    @Override
    public synchronized CompletableResultCode shutdown() {
        shutDown = true;
        SpanProcessor processor = batchProcessor;
        return processor == null ? CompletableResultCode.ofSuccess() : processor.shutdown();
    }

    private SpanProcessor batchProcessor() {
        SpanProcessor processor = batchProcessor;
        if (processor == null) {
            synchronized (this) {
                processor = batchProcessor;
                if (processor == null) {
                    processor = build();
                    batchProcessor = processor;
                }
            }
        }
        return processor;
    }

    private SpanProcessor build() {
        var meterProvider = openTelemetry.get().getMeterProvider();
        String endpoint = tracesEndpoint(exporterConfig);
        OtlpExporterConfig traces = exporterConfig.traces();
        OtlpHttpSpanExporterBuilder exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(endpoint)
                .setTimeout(traces.timeout())
                .setCompression(compression(traces, exporterConfig))
                .setMeterProvider(() -> meterProvider);
        headers(traces, exporterConfig).forEach(exporter::addHeader);
        LOG.infof("Exporting spans over OTLP/HTTP to %s (queue of %d spans, batches of %d every %s)", endpoint,
                batchConfig.maxQueueSize(), batchConfig.maxExportBatchSize(), batchConfig.scheduleDelay());
        return BatchSpanProcessor.builder(exporter.build())
                .setMeterProvider(meterProvider)
                .setScheduleDelay(batchConfig.scheduleDelay())
                .setMaxQueueSize(batchConfig.maxQueueSize())
                .setMaxExportBatchSize(batchConfig.maxExportBatchSize())
                .setExporterTimeout(batchConfig.exportTimeout())
                .build();
    }

    /** As the extension resolves it: the traces endpoint, else the general one, as a base URL for /v1/traces. */
    static String tracesEndpoint(OtlpExporterRuntimeConfig config) {
        String base = config.traces().endpoint().filter(value -> !value.isBlank())
                .or(() -> config.endpoint().filter(value -> !value.isBlank()))
                .orElse("http://localhost:4318").trim();
        URI uri = URI.create(base);
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return uri.resolve(path + TRACES_PATH).toString();
    }

    private static String compression(OtlpExporterConfig traces, OtlpExporterConfig all) {
        return traces.compression().or(all::compression).map(CompressionType::getValue).orElse("none");
    }

    /** {@code key=value} entries; the traces-specific list wins over the general one. */
    static Map<String, String> headers(OtlpExporterConfig traces, OtlpExporterConfig all) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String entry : traces.headers().or(all::headers).orElse(List.of())) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("OTLP exporter header is not key=value: " + entry.split("=")[0]);
            }
            headers.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
        }
        return headers;
    }

    /** TLS client certificates, custom trust and proxies are not wired here: say so rather than ignore them. */
    private static void refuseUnsupportedSettings(OtlpExporterRuntimeConfig config) {
        for (OtlpExporterConfig each : List.<OtlpExporterConfig> of(config, config.traces())) {
            Optional<String> unsupported = each.tlsConfigurationName().map(name -> "tls-configuration-name")
                    .or(() -> each.keyCert().certs().map(certs -> "key-cert"))
                    .or(() -> each.trustCert().certs().map(certs -> "trust-cert"))
                    .or(() -> each.proxyOptions().enabled() ? Optional.of("proxy-options") : Optional.empty());
            if (unsupported.isPresent()) {
                throw new IllegalStateException("quarkus.otel.exporter.otlp." + unsupported.get()
                        + " is not supported by " + SpanExportPipeline.class.getSimpleName()
                        + ": the JVM's default trust store is used for https endpoints");
            }
        }
    }
}
