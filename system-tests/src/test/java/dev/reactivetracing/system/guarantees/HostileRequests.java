package dev.reactivetracing.system.guarantees;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A generated corpus of malformed and hostile requests, each of which a service must refuse with a 4xx
 * problem+json and without changing its data: broken JSON, wrong types, missing and unknown fields, out-of-range
 * numbers, overlong and unicode-edge strings, SQL-injection strings, oversized bodies, wrong content types, unknown
 * routes and methods. Each body mutation starts from a valid request, so that the mutation alone is what is wrong.
 */
final class HostileRequests {

    /** One request and, where the rule is specific, the one status it must get (0: any 4xx). */
    record HostileRequest(String description, String method, String path, String contentType, byte[] body,
            boolean chunked, int expectedStatus) {

        @Override
        public String toString() {
            String shown = new String(body, StandardCharsets.UTF_8);
            return method + " " + path + " [" + description + "] "
                    + (shown.length() > 200 ? shown.substring(0, 200) + "..." : shown);
        }
    }

    /** A JSON field of a valid request, and the kind of value it takes. */
    private enum Kind { UUID, PRODUCT_ID, ORDER_REF, TEXT, EMAIL, QUANTITY, STOCK_ADDITION, MONEY, STOCK, EVENT_TYPE }

    /** Every non-ASCII character escaped (\\uXXXX), so that unpaired surrogates reach the service as sent. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final String SPLICE = "__splice__";
    private static final String PRODUCT_ID_PATTERN = "[A-Z0-9][A-Z0-9-]{0,31}";
    private static final java.util.regex.Pattern ORDER_REF = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    static final List<String> SQL_INJECTIONS = List.of("' OR '1'='1", "'; DROP TABLE customer_order; --",
            "1; DELETE FROM product", "\" OR \"\"=\"", "' UNION SELECT id, name, email FROM customer --",
            "SKU-1'); TRUNCATE product; --", "%' OR 1=1 --", "admin'--", "1' AND SLEEP(5)--",
            "'; SELECT pg_sleep(5); --", "$1", "\\'; COPY product TO '/tmp/x'; --", "' || (SELECT version()) || '",
            "SKU-1\u0000' OR 1=1", "1 OR 1=1", "'/**/OR/**/1=1", "0x27204f52202731273d2731");

    /** Strings no text field accepts: too long, control characters, unpaired surrogates, bidi overrides... */
    static final List<String> HOSTILE_TEXT = List.of("", "x".repeat(201), "y".repeat(5_000), "nul\u0000byte",
            "bell\u0007", "esc\u001b[31mred", "line\nbreak\r\ninjected", "tab\tbed", "del\u007f", "c1\u0085control",
            "lone \ud800 high", "lone \udfff low", "\udc00\ud800 reversed", "bidi \u202e override",
            "isolate \u2066 x", "nonchar \uffff", "nonchar \ufdd0", "nonchar \ufffe", "\u0000");

    private static final List<Object> NOT_A_STRING = List.of(12, 1.5, true, List.of("a"), Map.of("a", 1));
    private static final List<Object> NOT_AN_INTEGER = List.of("1", "one", 1.5, new java.math.BigDecimal("1e309"), true, List.of(1),
            Map.of("n", 1), "", "0x10", -0.0001);
    private static final List<Object> BAD_QUANTITIES = List.of(0, -1, -2147483648, 2147483648L, 1001, 100_000,
            Long.MAX_VALUE, 9.99e99, "12345678901234567890123456789012345678901234567890");
    private static final List<Object> BAD_MONEY = List.of(-1, -9_223_372_036_854_775_807L, 10_000_000_01L,
            "99999999999999999999999999999999999999999999", 1.25);
    private static final List<Object> BAD_STOCK = List.of(-1, 1_000_000_001, 2147483648L, 0.5);
    private static final List<Object> BAD_STOCK_ADDITIONS = List.of(0, -1, -2147483648, 1_000_001, 2147483648L,
            Long.MAX_VALUE, 0.5);
    private static final List<String> BAD_UUIDS = List.of("not-a-uuid", "00000000-0000-0000-0000-00000000000",
            "00000000-0000-0000-0000-0000000000000", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "{}", "123",
            "00000000_0000_0000_0000_000000000000");
    private static final List<String> BAD_PRODUCT_IDS = List.of("", "sku-lowercase", "-LEADING-DASH",
            "A".repeat(33), "SKU 1", "SKU_1", "SKU/1", "SKU-\u00c9", "../../etc/passwd", "SKU-1\n");
    private static final List<String> BAD_EMAILS = List.of("not-an-email", "@example.com", "a@", "a b@c.d",
            "a".repeat(250) + "@example.com", "<script>@x.y", "a@b@c");

    private static final List<String> BROKEN_JSON = List.of("", " ", "{", "}", "[", "[]", "null", "true", "0",
            "\"text\"", "{\"a\":}", "{,}", "{'single': 'quotes'}", "{unquoted: 1}", "{\"a\":1,}", "[1,2,]",
            "{\"a\":1}{\"b\":2}", "{\"a\":1} trailing", "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": 01}",
            "{\"a\": +1}", "{\"a\": .5}", "{\"a\": 0x10}", "/* comment */ {}", "// comment\n{}",
            "{\"a\":\"unterminated}", "{\"a\":\"bad escape \\x41\"}", "{\"a\":\"\\u12\"}", "\ufeff{}",
            "[".repeat(500) + "]".repeat(500), "{\"a\":".repeat(200) + "1" + "}".repeat(200));
    private static final List<byte[]> INVALID_UTF8 = List.of(new byte[] { '{', '"', 'a', '"', ':', '"',
            (byte) 0xC3, 0x28, '"', '}' }, new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"',
            '}' }, new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}' }, new byte[] { (byte) 0xFE,
            (byte) 0xFF, 0, '{', 0, '}' }, new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0,
            (byte) 0x80, '"', '}' });
    private static final List<String> UNKNOWN_FIELDS = List.of("unit_price_cents", "total_cents", "status",
            "__proto__", "constructor", "$where", "id", "is_admin", "x".repeat(300), "a\u0000b", "\u202ename");
    private static final List<String> WRONG_CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
            "text/html", "image/png", "application/javascript");

    private final String customerId;
    private final String productId;
    private final List<HostileRequest> requests = new ArrayList<>();

    private HostileRequests(String customerId, String productId) {
        this.customerId = customerId;
        this.productId = productId;
    }

    /** order-service's corpus; {@code customerId} and {@code productId} exist, so only the mutation is wrong. */
    static List<HostileRequest> forOrderService(String customerId, String productId) {
        HostileRequests corpus = new HostileRequests(customerId, productId);
        corpus.jsonEndpoint("/api/orders", corpus.order(), Map.of("customer_id", Kind.UUID), true);
        corpus.spliced("/api/orders", corpus.order(), List.of("customer_id", "items"));
        corpus.jsonEndpoint("/api/customers", fields("name", "Valid Name", "email", "valid@example.com"),
                Map.of("name", Kind.TEXT, "email", Kind.EMAIL), false);
        for (String base : List.of("/api/orders/", "/api/customers/", "/api/orders/%s/cancel")) {
            corpus.idsInPath(base, "GET");
        }
        corpus.idsInPath("/api/customers/", "DELETE");
        corpus.idsInPath("/api/orders/%s/cancel", "POST");
        for (String injection : SQL_INJECTIONS) {
            corpus.add("injection in query", "GET", "/api/orders?customer_id=" + encode(injection), null, new byte[0],
                    0);
        }
        corpus.routesAndMethods(List.of("/api/orders", "/api/customers"), List.of("/api/order", "/api/orders/x/y",
                "/api/customers/x/orders", "/admin", "/api/v2/orders", "/q/unknown", "/api/orders/../../etc/passwd"));
        return corpus.requests;
    }

    /** inventory-service's corpus; {@code productId} exists. */
    static List<HostileRequest> forInventoryService(String productId) {
        HostileRequests corpus = new HostileRequests(UUID.randomUUID().toString(), productId);
        corpus.jsonEndpoint("/api/products", fields("id", "NEW-" + UUID.randomUUID().toString().substring(0, 8)
                .toUpperCase(), "name", "Valid product", "price_cents", 100, "stock", 1),
                Map.of("id", Kind.PRODUCT_ID, "name", Kind.TEXT, "price_cents", Kind.MONEY, "stock", Kind.STOCK),
                false);
        corpus.jsonEndpoint("/api/products/" + productId + "/stock", fields("quantity", 1),
                Map.of("quantity", Kind.STOCK_ADDITION), false);
        corpus.jsonEndpoint("/api/inventory/reservations", fields("order_id", "hostile-1", "items",
                List.of(fields("product_id", productId, "quantity", 1))), Map.of("order_id", Kind.ORDER_REF), true);
        corpus.spliced("/api/inventory/reservations", fields("order_id", "hostile-1", "items",
                List.of(fields("product_id", productId, "quantity", 1))), List.of("items"));
        corpus.jsonEndpoint("/api/inventory/check", fields("product_ids", List.of(productId)), Map.of(), false);
        corpus.spliced("/api/inventory/check", fields("product_ids", List.of(productId)), List.of("product_ids"));
        corpus.jsonEndpoint("/api/inventory/events", fields("event_id", UUID.randomUUID().toString(), "event_type",
                "order.created", "order_id", "hostile-2", "reservation_id", UUID.randomUUID().toString()),
                Map.of("event_id", Kind.UUID, "event_type", Kind.EVENT_TYPE, "order_id", Kind.ORDER_REF,
                        "reservation_id", Kind.UUID), false);
        corpus.spliced("/api/inventory/events", fields("event_id", UUID.randomUUID().toString(), "event_type",
                "order.created", "order_id", "hostile-3", "reservation_id", UUID.randomUUID().toString()),
                List.of("event_id", "reservation_id", "event_type"));
        corpus.idsInPath("/api/products/", "GET");
        corpus.idsInPath("/api/inventory/reservations/", "GET");
        corpus.idsInPath("/api/inventory/reservations/", "DELETE");
        for (String injection : SQL_INJECTIONS) {
            if (!ORDER_REF.matcher(injection).matches()) { // one that matches is a valid (unknown) order reference
                corpus.add("injection in query", "DELETE", "/api/inventory/reservations?order_id="
                        + encode(injection), null, new byte[0], 0);
            }
            corpus.add("injection in query", "GET", "/api/products?page=" + encode(injection), null, new byte[0], 0);
            corpus.add("injection in query", "GET", "/api/products?size=" + encode(injection), null, new byte[0], 0);
        }
        corpus.routesAndMethods(List.of("/api/products", "/api/inventory/reservations"), List.of("/api/product",
                "/api/inventory", "/api/inventory/stock", "/admin", "/api/products/X/Y/Z", "/q/unknown",
                "/api/products/../../etc/passwd"));
        return corpus.requests;
    }

    private Map<String, Object> order() {
        return fields("customer_id", customerId, "items", List.of(fields("product_id", productId, "quantity", 1)));
    }

    /**
     * Mutations of a valid JSON body: broken syntax, each prefix of it, invalid UTF-8, wrong content types, each
     * field missing, unknown fields, each field with each value its kind refuses, and (with items) bad lines.
     */
    private void jsonEndpoint(String path, Map<String, Object> valid, Map<String, Kind> kinds, boolean hasItems) {
        String validJson = write(valid);
        for (String broken : BROKEN_JSON) {
            add("broken JSON", "POST", path, "application/json", broken.getBytes(StandardCharsets.UTF_8), 0);
        }
        for (int length = 0; length < validJson.length(); length++) {
            add("truncated", "POST", path, "application/json",
                    validJson.substring(0, length).getBytes(StandardCharsets.UTF_8), 0);
        }
        for (byte[] invalid : INVALID_UTF8) {
            add("invalid UTF-8", "POST", path, "application/json", invalid, 0);
        }
        for (String contentType : WRONG_CONTENT_TYPES) {
            add("wrong content type", "POST", path, contentType, validJson.getBytes(StandardCharsets.UTF_8), 415);
        }
        add("no content type", "POST", path, null, validJson.getBytes(StandardCharsets.UTF_8), 415);
        // Oversized: past the 64 KiB limit, announced (Content-Length) and not (chunked). The padding is whitespace,
        // which JSON allows anywhere, so the size alone is what is wrong.
        byte[] oversized = ("{" + " ".repeat(70_000) + validJson.substring(1)).getBytes(StandardCharsets.UTF_8);
        add("oversized", "POST", path, "application/json", oversized, 413);
        requests.add(new HostileRequest("oversized, chunked", "POST", path, "application/json", oversized, true,
                413));
        add("duplicate key", "POST", path, "application/json",
                (validJson.substring(0, validJson.length() - 1) + "," + validJson.substring(1))
                        .getBytes(StandardCharsets.UTF_8), 400);
        for (String field : valid.keySet()) {
            Map<String, Object> missing = new LinkedHashMap<>(valid);
            missing.remove(field);
            addJson("missing " + field, path, missing, 400);
            addJson("null " + field, path, with(valid, field, null), 400);
        }
        for (String unknown : UNKNOWN_FIELDS) {
            addJson("unknown field", path, with(valid, unknown, 1), 400);
        }
        kinds.forEach((field, kind) -> {
            for (Object value : invalidValues(kind)) {
                addJson("bad " + field, path, with(valid, field, value), 0);
            }
        });
        if (hasItems) {
            items(path, valid);
        }
    }

    /**
     * Each broken JSON text in place of each of {@code fields}' values; only fields no such text can make valid
     * (ids that must be UUIDs, lists, the event type).
     */
    private void spliced(String path, Map<String, Object> valid, List<String> fields) {
        for (String field : fields) {
            String template = write(with(valid, field, SPLICE));
            for (String broken : BROKEN_JSON) {
                String body = template.replace("\"" + SPLICE + "\"", broken);
                add("broken " + field, "POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8), 0);
            }
        }
    }

    private void items(String path, Map<String, Object> valid) {
        addJson("no items", path, with(valid, "items", List.of()), 400);
        addJson("items not a list", path, with(valid, "items", Map.of("product_id", productId)), 400);
        List<Object> tooMany = new ArrayList<>();
        for (int line = 0; line < 101; line++) {
            tooMany.add(fields("product_id", "P-" + line, "quantity", 1));
        }
        addJson("101 lines", path, with(valid, "items", tooMany), 400);
        addJson("same product twice", path, with(valid, "items", List.of(fields("product_id", productId,
                "quantity", 1), fields("product_id", productId, "quantity", 1))), 400);
        addJson("null line", path, with(valid, "items", java.util.Arrays.asList((Object) null)), 400);
        for (Object quantity : BAD_QUANTITIES) {
            addJson("bad quantity", path, with(valid, "items", List.of(fields("product_id", productId,
                    "quantity", quantity))), 0);
        }
        for (Object quantity : NOT_AN_INTEGER) {
            addJson("quantity not an integer", path, with(valid, "items", List.of(fields("product_id", productId,
                    "quantity", quantity))), 0);
        }
        for (String productIdValue : concat(BAD_PRODUCT_IDS, SQL_INJECTIONS, HOSTILE_TEXT)) {
            addJson("bad product id", path, with(valid, "items", List.of(fields("product_id", productIdValue,
                    "quantity", 1))), 0);
        }
        for (Object notString : NOT_A_STRING) {
            addJson("product id not a string", path, with(valid, "items", List.of(fields("product_id", notString,
                    "quantity", 1))), 400);
        }
        addJson("unknown line field", path, with(valid, "items", List.of(fields("product_id", productId,
                "quantity", 1, "unit_price_cents", 0))), 400);
    }

    private static List<Object> invalidValues(Kind kind) {
        List<Object> values = new ArrayList<>();
        switch (kind) {
            case UUID -> {
                values.addAll(BAD_UUIDS);
                values.addAll(SQL_INJECTIONS);
                values.addAll(NOT_A_STRING);
            }
            case PRODUCT_ID, ORDER_REF -> {
                values.addAll(kind == Kind.PRODUCT_ID ? BAD_PRODUCT_IDS : List.of("", "x".repeat(65), "a b", "a/b"));
                // An injection string that happens to be a well-formed id is just an unknown (or new) id.
                SQL_INJECTIONS.stream().filter(injection -> !ORDER_REF.matcher(injection).matches()
                        && !injection.matches(PRODUCT_ID_PATTERN)).forEach(values::add);
                values.addAll(HOSTILE_TEXT);
                values.addAll(NOT_A_STRING);
            }
            case TEXT -> {
                values.addAll(HOSTILE_TEXT);
                values.addAll(NOT_A_STRING);
            }
            case EMAIL -> {
                values.addAll(BAD_EMAILS);
                values.addAll(HOSTILE_TEXT);
                values.addAll(SQL_INJECTIONS);
                values.addAll(NOT_A_STRING);
            }
            case QUANTITY -> {
                values.addAll(BAD_QUANTITIES);
                values.addAll(NOT_AN_INTEGER);
            }
            case STOCK_ADDITION -> {
                values.addAll(BAD_STOCK_ADDITIONS);
                values.addAll(NOT_AN_INTEGER);
            }
            case MONEY -> {
                values.addAll(BAD_MONEY);
                values.addAll(NOT_AN_INTEGER);
            }
            case STOCK -> {
                values.addAll(BAD_STOCK);
                values.addAll(NOT_AN_INTEGER);
            }
            case EVENT_TYPE -> {
                values.addAll(List.of("order.deleted", "ORDER.CREATED", "", "order.created\u0000"));
                values.addAll(SQL_INJECTIONS);
                values.addAll(NOT_A_STRING);
            }
        }
        return values;
    }

    /** Malformed ids and injection strings in a path: {@code base} ends with "/" or has one %s for the id. */
    private void idsInPath(String base, String method) {
        List<String> encoded = new ArrayList<>();
        concat(BAD_UUIDS, SQL_INJECTIONS, List.of("x".repeat(2_000))).forEach(id -> encoded.add(encode(id)));
        // Already percent-encoded: NUL, ../, a bidi override, an unpaired surrogate, a byte that is not UTF-8.
        encoded.addAll(List.of("%00", "%2e%2e%2f", "%E2%80%AE", "%ED%A0%80", "%FF", "..;"));
        for (String id : encoded) {
            String path = base.contains("%s") ? base.formatted(id) : base + id;
            add("bad id in path", method, path, null, new byte[0], 0);
        }
    }

    private void routesAndMethods(List<String> collections, List<String> unknownRoutes) {
        for (String route : unknownRoutes) {
            for (String method : List.of("GET", "POST")) {
                add("unknown route", method, route, "application/json", "{}".getBytes(StandardCharsets.UTF_8), 404);
            }
        }
        for (String collection : collections) {
            for (String method : List.of("PUT", "PATCH", "DELETE")) {
                add("wrong method", method, collection, "application/json", "{}".getBytes(StandardCharsets.UTF_8),
                        method.equals("DELETE") && collection.endsWith("reservations") ? 0 : 405);
            }
        }
    }

    private void addJson(String description, String path, Object body, int expectedStatus) {
        add(description, "POST", path, "application/json", write(body).getBytes(StandardCharsets.UTF_8),
                expectedStatus);
    }

    private void add(String description, String method, String path, String contentType, byte[] body,
            int expectedStatus) {
        requests.add(new HostileRequest(description, method, path, contentType, body, false, expectedStatus));
    }

    private static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int index = 0; index < keysAndValues.length; index += 2) {
            map.put((String) keysAndValues[index], keysAndValues[index + 1]);
        }
        return map;
    }

    private static Map<String, Object> with(Map<String, Object> valid, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(valid);
        changed.put(field, value);
        return changed;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException failure) {
            throw new IllegalStateException(failure);
        }
    }
}
