package dev.reactivetracing.order.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The order tests against the packaged application (target/quarkus-app, or the native executable with -Dnative),
 * talking to the real inventory-service process.
 */
@QuarkusIntegrationTest
class OrderResourceIT extends OrderResourceTest {
}
