package dev.reactivetracing.system.guarantees;

import java.time.Duration;

final class Sleep {

    private Sleep() {
    }

    static void of(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
