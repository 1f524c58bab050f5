package dev.reactivetracing.commons.input;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * JSON is read strictly, so that a request means one thing or is refused (400) rather than guessed at:
 * <ul>
 * <li>a key given twice is an error (parsers disagree on which one wins; that disagreement is an attack);</li>
 * <li>no coercion: {@code "5"} is not a number, {@code 1.5} is not a quantity, {@code "true"} not a boolean;</li>
 * <li>trailing content after the document is an error;</li>
 * <li>size bounds while parsing: the document ({@link InputLimits#maxBodySize()}, also for bodies sent without a
 * Content-Length), string and number lengths, nesting depth.</li>
 * </ul>
 * Unknown properties are refused too ({@code quarkus.jackson.fail-on-unknown-properties=true}); the DTOs that read
 * another service's answers opt out, so that a peer may add fields (tolerant reader).
 */
@Singleton
public class JsonInputRules implements ObjectMapperCustomizer {

    /** Longer numbers are not amounts or quantities. */
    static final int MAX_NUMBER_LENGTH = 32;

    private final InputLimits limits;

    public JsonInputRules(InputLimits limits) {
        this.limits = limits;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        int maxBody = (int) Math.min(Integer.MAX_VALUE / 2, limits.maxBodySize().asLongValue());
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(maxBody)
                // Above the document limit, so that an oversized body is always a 413, whatever it holds.
                .maxStringLength(2 * maxBody)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNestingDepth(limits.maxJsonNesting())
                .build());
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (LogicalType scalar : new LogicalType[] { LogicalType.Integer, LogicalType.Float, LogicalType.Boolean }) {
            mapper.coercionConfigFor(scalar)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
}
