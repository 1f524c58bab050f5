package dev.reactivetracing.commons.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** See {@link PlainText}. */
public class PlainTextValidator implements ConstraintValidator<PlainText, CharSequence> {

    @Override
    public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
        return text == null || isPlain(text);
    }

    static boolean isPlain(CharSequence text) {
        for (int index = 0; index < text.length(); index++) {
            char unit = text.charAt(index);
            if (Character.isHighSurrogate(unit)) {
                if (index + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(index + 1))) {
                    return false;
                }
                int codePoint = Character.toCodePoint(unit, text.charAt(++index));
                if (isNoncharacter(codePoint)) {
                    return false;
                }
            } else if (Character.isLowSurrogate(unit) || Character.isISOControl(unit) || isBidiControl(unit)
                    || isNoncharacter(unit)) {
                return false;
            }
        }
        return true;
    }

    /** LRE, RLE, PDF, LRO, RLO (U+202A-U+202E) and the isolates LRI, RLI, FSI, PDI (U+2066-U+2069). */
    private static boolean isBidiControl(char unit) {
        return (unit >= '\u202A' && unit <= '\u202E') || (unit >= '\u2066' && unit <= '\u2069');
    }

    /** U+FDD0-U+FDEF and the last two code points of every plane. */
    private static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }
}
