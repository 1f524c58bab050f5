package dev.reactivetracing.commons.validation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class DistinctProductsValidator implements ConstraintValidator<DistinctProducts, List<? extends ProductLine>> {

    @Override
    public boolean isValid(List<? extends ProductLine> lines, ConstraintValidatorContext context) {
        if (lines == null) {
            return true; // @NotNull says whether null is allowed
        }
        Set<String> seen = new HashSet<>();
        for (ProductLine line : lines) {
            if (line != null && line.productId() != null && !seen.add(line.productId())) {
                return false;
            }
        }
        return true;
    }
}
