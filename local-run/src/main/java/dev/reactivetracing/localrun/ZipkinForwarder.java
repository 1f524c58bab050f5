package dev.reactivetracing.localrun;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.reactivetracing.tooling.otlp.ReceivedSpan;

/**
 * Bridges OTLP to Zipkin: registered as the OTLP receiver's span listener, it posts each batch the services export to
 * Zipkin's collector. The services keep their production exporter (OTLP); only the local run knows about Zipkin.
 */
final class ZipkinForwarder implements Consumer<List<ReceivedSpan>> {

    private final ZipkinServer zipkin;
    private final HttpClient http;
    private final ObjectMapper json;
    private final BooleanSupplier runEnding;
    /** Reports failures when they start and when they end, not once per batch. */
    private boolean failing;

    /**
     * @param runEnding whether the run is shutting down: Ctrl-C reaches Zipkin too, so the services' last spans may
     *     find it gone, which is then no problem worth reporting
     */
    ZipkinForwarder(ZipkinServer zipkin, HttpClient http, ObjectMapper json, BooleanSupplier runEnding) {
        this.zipkin = zipkin;
        this.http = http;
        this.json = json;
        this.runEnding = runEnding;
    }

    @Override
    public void accept(List<ReceivedSpan> batch) {
        if (batch.isEmpty()) {
            return;
        }
        ArrayNode zipkinSpans = json.createArrayNode();
        batch.forEach(span -> zipkinSpans.add(ZipkinSpanMapping.toZipkin(span)));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(zipkin.spansEndpoint())
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(zipkinSpans)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                recovered();
            } else {
                failed(batch.size() + " spans refused: HTTP " + response.statusCode() + " " + response.body());
            }
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("Could not write Zipkin JSON", impossible);
        } catch (IOException unreachable) {
            failed(batch.size() + " spans not delivered: " + unreachable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void failed(String problem) {
        // Zipkin gone is not a forwarding problem: the run is ending, or it reports that Zipkin stopped.
        if (!failing && zipkin.isRunning() && !runEnding.getAsBoolean()) {
            System.err.println("Forwarding spans to Zipkin failed (" + problem + "); see " + zipkin.logFile());
            failing = true;
        }
    }

    private synchronized void recovered() {
        if (failing) {
            System.err.println("Forwarding spans to Zipkin works again.");
            failing = false;
        }
    }
}
