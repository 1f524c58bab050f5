package dev.reactivetracing.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LocalRunOptionsTest {

    @Test
    void defaultsAreTheServicesOwnPortsAndAFreshDatabase() {
        LocalRunOptions options = LocalRunOptions.parse(new String[0], Map.of());

        assertEquals(new LocalRunOptions(8080, 8081, 9411, false, false, false, false), options);
    }

    @Test
    void environmentVariablesChooseThePortsAndKeepingData() {
        LocalRunOptions options = LocalRunOptions.parse(new String[0], Map.of("ORDER_PORT", "18080",
                "INVENTORY_PORT", "18081", "ZIPKIN_PORT", "19411", "KEEP_DATA", "true"));

        assertEquals(new LocalRunOptions(18080, 18081, 19411, true, false, false, false), options);
    }

    @Test
    void optionsWinOverEnvironmentVariablesInBothSpellings() {
        LocalRunOptions options = LocalRunOptions.parse(
                new String[] {"--order-port=28080", "--inventory-port", "28081", "--keep-data"},
                Map.of("ORDER_PORT", "18080", "INVENTORY_PORT", "18081"));

        assertEquals(28080, options.orderPort());
        assertEquals(28081, options.inventoryPort());
        assertTrue(options.keepData());
    }

    @Test
    void helpIsRecognised() {
        assertTrue(LocalRunOptions.parse(new String[] {"--help"}, Map.of()).help());
        assertFalse(LocalRunOptions.parse(new String[0], Map.of()).help());
    }

    @Test
    void aBadPortNamesWhereItCameFrom() {
        IllegalArgumentException fromVariable = assertThrows(IllegalArgumentException.class,
                () -> LocalRunOptions.parse(new String[0], Map.of("ZIPKIN_PORT", "http")));
        IllegalArgumentException fromOption = assertThrows(IllegalArgumentException.class,
                () -> LocalRunOptions.parse(new String[] {"--order-port=70000"}, Map.of()));

        assertTrue(fromVariable.getMessage().startsWith("ZIPKIN_PORT must be a port number"));
        assertTrue(fromOption.getMessage().startsWith("--order-port must be a port number"));
    }

    @Test
    void sharedPortsAndUnknownOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> LocalRunOptions.parse(new String[] {"--zipkin-port=8080"}, Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> LocalRunOptions.parse(new String[] {"--verbose"}, Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> LocalRunOptions.parse(new String[] {"--order-port"}, Map.of()));
    }

    @Test
    void eachLauncherHasItsOwnOptionAndRefusesTheOther() {
        LocalRunOptions dev = LocalRunOptions.parse(new String[] {"--continuous-testing", "--order-port=28080"},
                Map.of(), LocalRunOptions.Mode.DEV);
        LocalRunOptions devFromVariables = LocalRunOptions.parse(new String[0], Map.of("CONTINUOUS_TESTING", "true",
                "DEV_DEBUG", "false", "KEEP_DATA", "true"), LocalRunOptions.Mode.DEV);

        assertEquals(new LocalRunOptions(28080, 8081, 9411, false, true, true, false), dev);
        assertEquals(new LocalRunOptions(8080, 8081, 9411, false, true, false, false), devFromVariables);
        assertFalse(LocalRunOptions.parse(new String[] {"--no-debug"}, Map.of(), LocalRunOptions.Mode.DEV).debug());
        assertThrows(IllegalArgumentException.class, () -> LocalRunOptions.parse(new String[] {"--keep-data"},
                Map.of(), LocalRunOptions.Mode.DEV));
        assertThrows(IllegalArgumentException.class, () -> LocalRunOptions.parse(
                new String[] {"--continuous-testing"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> LocalRunOptions.parse(new String[] {"--no-debug"},
                Map.of()));
        assertFalse(LocalRunOptions.parse(new String[0], Map.of("CONTINUOUS_TESTING", "true")).continuousTesting());
    }

    @Test
    void eachUsageNamesItsLauncherAndOnlyItsOwnOptions() {
        String run = LocalRunOptions.Mode.RUN.usage();
        String dev = LocalRunOptions.Mode.DEV.usage();

        assertTrue(run.startsWith("Usage: bin/run") && run.contains("--keep-data") && !run.contains("--continuous"));
        assertTrue(dev.startsWith("Usage: bin/dev") && dev.contains("--continuous-testing") && !dev.contains("--keep"));
        assertTrue(dev.contains("\n  --order-port=PORT") && dev.endsWith("this text\n"));
    }
}
