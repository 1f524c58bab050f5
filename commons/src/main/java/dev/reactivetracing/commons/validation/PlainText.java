package dev.reactivetracing.commons.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Text a person typed: any script, accents and emoji, but no control characters (NUL among them: PostgreSQL refuses
 * it in text), no unpaired surrogates (not Unicode; they cannot be stored as UTF-8), no bidirectional overrides or
 * isolates (which make a name display as something else) and no noncharacters. Null is valid (use NotNull).
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    String message() default "must be plain text, without control or formatting characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
