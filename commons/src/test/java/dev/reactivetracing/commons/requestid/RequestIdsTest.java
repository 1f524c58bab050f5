package dev.reactivetracing.commons.requestid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void plainBoundedIdsAreKeptOthersReplaced() {
        assertEquals("req-42.a:b_c", RequestIds.acceptOrGenerate("req-42.a:b_c"));
        assertNotEquals("with space", RequestIds.acceptOrGenerate("with space"));
        assertNotEquals("x\ninjected log line", RequestIds.acceptOrGenerate("x\ninjected log line"));
        String tooLong = "a".repeat(65);
        assertNotEquals(tooLong, RequestIds.acceptOrGenerate(tooLong));
        assertEquals(36, RequestIds.acceptOrGenerate(null).length());
    }
}
