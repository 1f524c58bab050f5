package dev.reactivetracing.commons.telemetry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.opentelemetry.context.Context;

/** Who is a trusted caller: by network, by token, and nobody by default. */
class CallerTrustTest {

    @Test
    void networksMatchByPrefixForIpv4AndIpv6() {
        CallerTrust trust = new CallerTrust(List.of("10.42.0.0/16", "192.168.1.7", "fd00::/8"), Optional.empty());
        assertTrue(trust.fromTrustedNetwork("10.42.3.4"));
        assertFalse(trust.fromTrustedNetwork("10.43.0.1"));
        assertTrue(trust.fromTrustedNetwork("192.168.1.7"));
        assertFalse(trust.fromTrustedNetwork("192.168.1.8"));
        assertTrue(trust.fromTrustedNetwork("fd12:3456::1"));
        assertFalse(trust.fromTrustedNetwork("fe80::1"));
        assertFalse(trust.fromTrustedNetwork("not-an-address.example"), "never a DNS lookup");
        assertTrue(new CallerTrust(List.of("10.0.0.0/12"), Optional.empty()).fromTrustedNetwork("10.15.255.255"));
        assertFalse(new CallerTrust(List.of("10.0.0.0/12"), Optional.empty()).fromTrustedNetwork("10.16.0.0"));
    }

    @Test
    void aTokenMakesACallerTrustedOnlyWhenItMatches() {
        CallerTrust trust = new CallerTrust(List.of(), Optional.of("s3cret"));
        assertTrue(CallerTrust.isTrusted(trust.extract(Context.root(), Map.of(CallerTrust.TOKEN_HEADER, "s3cret"),
                MapCarrier.GETTER)));
        assertFalse(CallerTrust.isTrusted(trust.extract(Context.root(), Map.of(CallerTrust.TOKEN_HEADER, "guess"),
                MapCarrier.GETTER)));
        assertFalse(CallerTrust.isTrusted(trust.extract(Context.root(), Map.of(), MapCarrier.GETTER)));
    }

    @Test
    void withNothingConfiguredNobodyIsTrusted() {
        CallerTrust trust = new CallerTrust(List.of(), Optional.empty());
        assertFalse(CallerTrust.isTrusted(trust.extract(Context.root(), Map.of(CallerTrust.TOKEN_HEADER, ""),
                MapCarrier.GETTER)));
        assertFalse(trust.fromTrustedNetwork("127.0.0.1"));
    }

    @Test
    void aMalformedNetworkFailsAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new CallerTrust(List.of("10.0.0.0/33"), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new CallerTrust(List.of("intranet"), Optional.empty()));
    }
}
