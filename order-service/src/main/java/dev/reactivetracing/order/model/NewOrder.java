package dev.reactivetracing.order.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** What a client asks for: who orders, and how many of which products. */
public record NewOrder(UUID customerId, List<RequestedItem> items) {

    /**
     * Identifies the request's meaning, not its spelling: the same customer and items in any order give the same
     * fingerprint. Compared when an Idempotency-Key is reused.
     */
    public String fingerprint() {
        String canonical = customerId + "|" + items.stream()
                .sorted(Comparator.comparing(RequestedItem::productId))
                .map(item -> item.productId() + ":" + item.quantity())
                .collect(Collectors.joining(","));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every JVM", impossible);
        }
    }
}
