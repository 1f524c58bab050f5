package dev.reactivetracing.commons.problem;

import java.net.URI;

/** Where problem type URIs live; each type is documented in the README's error table. */
public final class ProblemTypes {

    public static final String BASE = "https://reactivetracing.dev/problems/";

    private ProblemTypes() {
    }

    public static URI of(String slug) {
        return slug == null ? URI.create("about:blank") : URI.create(BASE + slug);
    }
}
