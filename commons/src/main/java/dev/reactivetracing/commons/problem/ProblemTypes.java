package dev.reactivetracing.commons.problem;

import java.net.URI;

/**
 * Problem type URIs, each documented in docs/api.md ("Errors"). They identify, they do not resolve: RFC 9457 asks
 * that an http(s) type URI lead to documentation, and suggests tag URIs (RFC 4151) otherwise. The authority is a
 * reserved {@code .example} name: a project built on this one puts a domain it owns there.
 */
public final class ProblemTypes {

    public static final String BASE = "tag:reactive-tracing.example,2026:problems/";

    private ProblemTypes() {
    }

    /** The type for a slug such as {@code insufficient-stock}; {@code about:blank} (plain HTTP status) for none. */
    public static URI of(String slug) {
        return slug == null ? URI.create("about:blank") : URI.create(BASE + slug);
    }

    /** The slug of one of these types ({@code insufficient-stock}), or null for any other type (or none). */
    public static String slugOf(String type) {
        return type != null && type.startsWith(BASE) && type.length() > BASE.length()
                ? type.substring(BASE.length())
                : null;
    }
}
