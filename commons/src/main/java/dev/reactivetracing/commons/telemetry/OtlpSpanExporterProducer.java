package dev.reactivetracing.commons.telemetry;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.internal.grpc.GrpcExporter;
import io.opentelemetry.exporter.internal.http.HttpExporter;
import io.opentelemetry.exporter.otlp.internal.OtlpUserAgent;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.internal.ComponentId;
import io.opentelemetry.sdk.internal.StandardComponentId.ExporterType;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.opentelemetry.runtime.config.runtime.exporter.CompressionType;
import io.quarkus.opentelemetry.runtime.config.runtime.exporter.OtlpExporterConfig;
import io.quarkus.opentelemetry.runtime.config.runtime.exporter.OtlpExporterRuntimeConfig;
import io.quarkus.opentelemetry.runtime.exporter.otlp.sender.VertxGrpcSender;
import io.quarkus.opentelemetry.runtime.exporter.otlp.sender.VertxHttpSender;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.VertxGrpcSpanExporter;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.VertxHttpSpanExporter;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ProxyOptions;

/**
 * How spans leave a service: the extension's own OTLP exporters (Vert.x, {@code grpc} or {@code http/protobuf}),
 * configured by every {@code quarkus.otel.exporter.otlp[.traces].*} option the extension honours (endpoint, headers,
 * compression, timeout, TLS trust and client certificates or a named TLS configuration, proxy), offered as a
 * {@code SpanExporter} bean.
 * <p>
 * Why a bean of ours, workaround for an extension bug: Quarkus 3.33.2 builds its batch span processor and exporters
 * with a no-op meter provider ({@code OTelExporterRecorder}, whose own comment says the meter provider is still to be added), so spans
 * dropped because the collector is down or slow are dropped without a trace. With a {@code SpanExporter} bean present
 * the extension removes its own processor ({@code RemoveableLateBoundSpanProcessor}) and the SDK's autoconfiguration
 * wraps this exporter in a batch span processor that has the service's meter provider and the
 * {@code quarkus.otel.bsp.*} settings: {@code processedSpans{dropped=true}} counts what the bounded queue drops,
 * {@code queueSize} its fill, and this exporter's {@code otel.sdk.exporter.span.*} what it sent or failed to send.
 * Upstream, quarkus PR #52752 (merged for a later release) removes the late-bound processor in favour of exactly this
 * path; {@code ExtensionExportCanaryTest} fails once a Quarkus upgrade brings it, and this bean can then go.
 * <p>
 * Off in tests ({@code tracing.export.otlp=false}), whose in-memory exporter is the only one.
 */
@Singleton
public class OtlpSpanExporterProducer {

    private static final Logger LOG = Logger.getLogger(OtlpSpanExporterProducer.class);

    @Produces
    @Singleton
    @IfBuildProperty(name = "tracing.export.otlp", stringValue = "true", enableIfMissing = true)
    SpanExporter otlpSpanExporter(Vertx vertx, OtlpExporterRuntimeConfig config, TlsConfigurationRegistry tls,
            Instance<OpenTelemetry> openTelemetry) {
        // The traces settings, each falling back to quarkus.otel.exporter.otlp.* (the extension resolves that).
        OtlpExporterConfig traces = config.traces();
        boolean grpc = OtlpExporterConfig.Protocol.GRPC.equals(traces.protocol()
                .orElse(OtlpExporterConfig.Protocol.GRPC));
        URI endpoint = URI.create(traces.endpoint().filter(value -> !value.isBlank())
                .orElse(grpc ? OtlpExporterConfig.DEFAULT_GRPC_BASE_URI : OtlpExporterConfig.DEFAULT_HTTP_BASE_URI)
                .trim());
        // Looked up at the first export: the SDK (and its meter provider) is still being built when this runs.
        Supplier<MeterProvider> meterProvider = () -> openTelemetry.get().getMeterProvider();
        boolean gzip = traces.compression().map(CompressionType.GZIP::equals).orElse(false);
        Map<String, String> headers = headers(traces.headers().orElse(List.of()));
        Consumer<HttpClientOptions> clientOptions = clientOptions(traces, endpoint, tls);
        LOG.infof("Exporting spans over OTLP/%s to %s", grpc ? "gRPC" : "HTTP", endpoint);
        if (grpc) {
            return new VertxGrpcSpanExporter(new GrpcExporter<>(
                    new VertxGrpcSender(endpoint, VertxGrpcSender.GRPC_TRACE_SERVICE_NAME, gzip, traces.timeout(),
                            headers, clientOptions, vertx),
                    InternalTelemetryVersion.LATEST, ComponentId.generateLazy(ExporterType.OTLP_GRPC_SPAN_EXPORTER),
                    meterProvider, endpoint.toASCIIString()));
        }
        return new VertxHttpSpanExporter(new HttpExporter<>(
                ComponentId.generateLazy(ExporterType.OTLP_HTTP_SPAN_EXPORTER),
                new VertxHttpSender(endpoint, VertxHttpSender.TRACES_PATH, gzip, traces.timeout(), headers,
                        "application/x-protobuf", clientOptions, vertx),
                meterProvider, InternalTelemetryVersion.LATEST, endpoint.toASCIIString()));
    }

    /** {@code key=value} entries, plus the OTLP user agent the SDK's own exporters send. */
    static Map<String, String> headers(List<String> entries) {
        Map<String, String> headers = new LinkedHashMap<>();
        OtlpUserAgent.addUserAgentHeader(headers::put);
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                // Never echo the value: headers carry API keys.
                throw new IllegalArgumentException("OTLP exporter header is not key=value: " + entry.split("=")[0]);
            }
            headers.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
        }
        return headers;
    }

    /**
     * TLS and proxy as the extension configures its own exporters (its {@code OTelExporterRecorder}
     * {@code .HttpClientOptionsConsumer} is package-private): a named TLS configuration, else PEM client certificate
     * and trust; TLS with ALPN for https endpoints; trust-all only where the TLS configuration says so; an HTTP proxy
     * with optional credentials.
     */
    static Consumer<HttpClientOptions> clientOptions(OtlpExporterConfig config, URI endpoint,
            TlsConfigurationRegistry registry) {
        Optional<TlsConfiguration> named = TlsConfiguration.from(registry, config.tlsConfigurationName());
        return options -> {
            if (named.isPresent()) {
                options.setKeyCertOptions(named.get().getKeyStoreOptions());
                options.setTrustOptions(named.get().getTrustStoreOptions());
            } else {
                config.keyCert().certs().filter(certs -> !certs.isEmpty()).ifPresent(certs -> {
                    PemKeyCertOptions clientCertificate = new PemKeyCertOptions();
                    certs.forEach(clientCertificate::addCertPath);
                    config.keyCert().keys().orElse(List.of()).forEach(clientCertificate::addKeyPath);
                    options.setKeyCertOptions(clientCertificate);
                });
                config.trustCert().certs().filter(certs -> !certs.isEmpty()).ifPresent(certs -> {
                    PemTrustOptions trust = new PemTrustOptions();
                    certs.forEach(trust::addCertPath);
                    options.setTrustOptions(trust);
                });
            }
            if ("https".equalsIgnoreCase(endpoint.getScheme())) {
                options.setSsl(true).setUseAlpn(true);
            }
            boolean trustAll = named.map(TlsConfiguration::isTrustAll)
                    .orElseGet(() -> registry.getDefault().map(TlsConfiguration::isTrustAll).orElse(false));
            if (trustAll) {
                options.setTrustAll(true).setVerifyHost(false);
            }
            OtlpExporterConfig.ProxyConfig proxy = config.proxyOptions();
            if (proxy.enabled()) {
                String host = proxy.host().or(() -> systemProxyHost(endpoint)).orElseThrow(() ->
                        new IllegalStateException("quarkus.otel.exporter.otlp.proxy-options.enabled is true but no "
                                + "proxy host is set (proxy-options.host, or the http(s).proxyHost system property)"));
                ProxyOptions vertxProxy = new ProxyOptions().setHost(host);
                proxy.port().ifPresent(vertxProxy::setPort);
                proxy.username().ifPresent(vertxProxy::setUsername);
                proxy.password().ifPresent(vertxProxy::setPassword);
                options.setProxyOptions(vertxProxy);
            }
        };
    }

    /** As the extension does: without a configured host, the JVM's proxy property for the endpoint's scheme. */
    private static Optional<String> systemProxyHost(URI endpoint) {
        String scheme = "https".equalsIgnoreCase(endpoint.getScheme()) ? "https" : "http";
        return Optional.ofNullable(System.getProperty(scheme + ".proxyHost")).filter(host -> !host.isBlank());
    }
}
