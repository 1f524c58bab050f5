package dev.reactivetracing.commons.telemetry;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.semconv.incubating.DeploymentIncubatingAttributes;
import io.opentelemetry.semconv.incubating.ServiceIncubatingAttributes;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Resource attributes the extension does not set itself ({@code service.name} and {@code service.version} come from
 * {@code quarkus.application.*}): the deployment environment and an instance id. Whatever the operator puts in
 * {@code OTEL_RESOURCE_ATTRIBUTES} wins over these defaults, e.g. {@code service.instance.id} set to the pod name.
 */
public class ServiceResourceProducer {

    @Produces
    @Singleton
    Resource serviceResource(TracingConfig config,
            @ConfigProperty(name = "otel.resource.attributes") Optional<String> operatorAttributes) {
        Resource defaults = Resource.create(Attributes.of(
                DeploymentIncubatingAttributes.DEPLOYMENT_ENVIRONMENT_NAME,
                environmentName(config.environment(), ConfigUtils.getProfiles()),
                ServiceIncubatingAttributes.SERVICE_INSTANCE_ID, UUID.randomUUID().toString()));
        return defaults.merge(Resource.create(parse(operatorAttributes.orElse(""))));
    }

    /** The configured name, else the active profile's (the first: {@code staging} for staging on top of prod). */
    static String environmentName(Optional<String> configured, List<String> activeProfiles) {
        return configured.filter(name -> !name.isBlank())
                .orElseGet(() -> activeProfiles.isEmpty() ? "prod" : activeProfiles.get(0));
    }

    /** The {@code OTEL_RESOURCE_ATTRIBUTES} format: {@code key=value,key=value}, values percent-encoded. */
    static Attributes parse(String keyValueList) {
        AttributesBuilder attributes = Attributes.builder();
        for (String pair : keyValueList.split(",")) {
            int separator = pair.indexOf('=');
            if (separator <= 0) {
                continue;
            }
            String key = pair.substring(0, separator).trim();
            String value = pair.substring(separator + 1).trim();
            attributes.put(key, URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return attributes.build();
    }
}
