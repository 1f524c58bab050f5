package dev.reactivetracing.inventory.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The reservation tests against the packaged application (target/quarkus-app, or the native executable with
 * -Dnative), not the test build: what ships is what is tested.
 */
@QuarkusIntegrationTest
class ReservationResourceIT extends ReservationResourceTest {
}
