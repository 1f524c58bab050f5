package dev.reactivetracing.commons.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** Each product appears once in a list of {@link ProductLine}s: two lines for one product are ambiguous. */
@Documented
@Constraint(validatedBy = DistinctProductsValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface DistinctProducts {

    String message() default "must not name a product_id more than once";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
