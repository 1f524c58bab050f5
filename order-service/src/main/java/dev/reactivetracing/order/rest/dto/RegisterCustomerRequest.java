package dev.reactivetracing.order.rest.dto;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.reactivetracing.commons.validation.PlainText;

public record RegisterCustomerRequest(
        @NotBlank @Size(max = 200) @PlainText String name,
        @NotBlank @Email @Size(max = 254) @PlainText String email) {
}
