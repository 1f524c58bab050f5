package dev.reactivetracing.commons.telemetry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.vertx.core.spi.observability.HttpRequest;

/**
 * Whether the caller of a request is trusted to decide that its trace is recorded: it connects from a network listed in
 * {@code tracing.remote-parents.trusted-networks} (for callers inside the system, never the ingress's network), or it
 * presents {@code tracing.remote-parents.trusted-token} in the {@value #TOKEN_HEADER} header (a secret shared with
 * internal callers, which the ingress does not pass on from outside). As a propagator, it puts the answer into the
 * extracted context, where {@link CallerTrustSampler} reads it; it never sends anything downstream.
 */
public final class CallerTrust implements TextMapPropagator {

    public static final String TOKEN_HEADER = "x-tracing-token";

    private static final ContextKey<Boolean> TRUSTED = ContextKey.named("reactivetracing.caller-trusted");

    private final List<Network> trustedNetworks;
    private final Optional<byte[]> trustedToken;

    public CallerTrust(List<String> trustedNetworks, Optional<String> trustedToken) {
        this.trustedNetworks = trustedNetworks.stream().map(Network::parse).toList();
        this.trustedToken = trustedToken.filter(token -> !token.isBlank())
                .map(token -> token.getBytes(StandardCharsets.UTF_8));
    }

    public static boolean isTrusted(Context context) {
        return Boolean.TRUE.equals(context.get(TRUSTED));
    }

    /**
     * A trace context this service wrote down itself and continues later (the outbox row's {@code traceparent}): the
     * SDK sees its parent as remote, but its sampled flag is this service's own earlier decision. Followed like a
     * trusted caller's, it is never charged to the forced-trace budget nor marked as a forced trace.
     */
    public static Context ownEarlierContext(Context extracted) {
        return extracted.with(TRUSTED, Boolean.TRUE);
    }

    @Override
    public Collection<String> fields() {
        return List.of(TOKEN_HEADER);
    }

    @Override
    public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
        // Never forwarded: trust is between a caller and this service.
    }

    @Override
    public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
        if (carrier == null) {
            return context;
        }
        boolean trusted = presentsToken(getter.get(carrier, TOKEN_HEADER))
                || (carrier instanceof HttpRequest request && request.remoteAddress() != null
                        && fromTrustedNetwork(request.remoteAddress().hostAddress()));
        return trusted ? context.with(TRUSTED, Boolean.TRUE) : context;
    }

    boolean presentsToken(String presented) {
        return presented != null && trustedToken.isPresent()
                && MessageDigest.isEqual(trustedToken.get(), presented.trim().getBytes(StandardCharsets.UTF_8));
    }

    boolean fromTrustedNetwork(String address) {
        if (address == null || trustedNetworks.isEmpty()) {
            return false;
        }
        byte[] bytes = Network.literal(address);
        return bytes != null && trustedNetworks.stream().anyMatch(network -> network.contains(bytes));
    }

    @Override
    public String toString() {
        return "CallerTrust" + trustedNetworks;
    }

    /** An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}; no prefix: one address). */
    record Network(byte[] address, int prefixLength) {

        static Network parse(String cidr) {
            String[] parts = cidr.trim().split("/", 2);
            byte[] address = literal(parts[0]);
            if (address == null) {
                throw new IllegalArgumentException("Not an IP network: '" + cidr + "'");
            }
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : address.length * 8;
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("Not an IP network: '" + cidr + "'");
            }
            return new Network(address, prefix);
        }

        /** The address bytes of an IP literal, or null if it is not one (never a DNS lookup). */
        static byte[] literal(String address) {
            String candidate = address.trim();
            if (candidate.startsWith("[") && candidate.endsWith("]")) {
                candidate = candidate.substring(1, candidate.length() - 1);
            }
            if (!candidate.matches("[0-9a-fA-F:.%]+") || !(candidate.contains(".") || candidate.contains(":"))) {
                return null;
            }
            try {
                return InetAddress.getByName(candidate).getAddress();
            } catch (UnknownHostException notALiteral) {
                return null;
            }
        }

        boolean contains(byte[] candidate) {
            if (candidate.length != address.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            if (!Arrays.equals(address, 0, fullBytes, candidate, 0, fullBytes)) {
                return false;
            }
            int remainingBits = prefixLength % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = 0xFF << (8 - remainingBits) & 0xFF;
            return (address[fullBytes] & mask) == (candidate[fullBytes] & mask);
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(address).getHostAddress() + "/" + prefixLength;
            } catch (UnknownHostException impossible) {
                return Arrays.toString(address) + "/" + prefixLength;
            }
        }
    }
}
