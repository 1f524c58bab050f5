package dev.reactivetracing.commons.input;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How much a client may send: bounds that hold before any request reaches a resource. */
@ConfigMapping(prefix = "api.limits")
public interface InputLimits {

    /**
     * Largest request body accepted (413 {@code problem+json} beyond it). An order of 100 lines is under 8 KiB.
     * {@code quarkus.http.limits.max-body-size} stays above it as a backstop for bodies that are not JSON.
     */
    @WithDefault("64K")
    MemorySize maxBodySize();

    /** Deepest JSON nesting accepted; the API's own documents nest three levels. */
    @WithDefault("16")
    int maxJsonNesting();
}
