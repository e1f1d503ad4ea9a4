package org.mfasuite.keycloak.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DeviceNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0 | Firefox on Windows",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36 | Chrome on Android",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0 | Edge on Windows",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15 | Safari on macOS",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1 | Safari on iOS",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1 | Chrome on iOS",
            "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/127.0 Mobile/15E148 Safari/605.1.15 | Firefox on iPadOS",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0 | Opera on Linux",
            "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36 | Samsung Internet on Android",
            "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 | Chrome on ChromeOS",
            "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0 | Firefox on Linux",
    })
    void namesBrowserAndSystem(String userAgent, String expected) {
        assertEquals(expected, DeviceName.of(userAgent));
    }

    @Test
    void unknownOrMissingAgentsGetAPlainName() {
        assertEquals("Web browser", DeviceName.of(null));
        assertEquals("Web browser", DeviceName.of(""));
        assertEquals("Web browser", DeviceName.of("curl/8.5.0"));
        assertEquals("Web browser on Linux", DeviceName.of("SomeBot (Linux)"));
        assertEquals("Firefox", DeviceName.of("Firefox/128.0"));
    }

    @Test
    void aSecondDeviceOfTheSameKindIsNumbered() {
        assertEquals("Firefox on Windows", DeviceName.unique("Firefox on Windows", List.of("Chrome on Android")));
        assertEquals("Firefox on Windows (2)", DeviceName.unique("Firefox on Windows", List.of("Firefox on Windows")));
        assertEquals("Firefox on Windows (3)", DeviceName.unique("Firefox on Windows",
                List.of("Firefox on Windows", "Firefox on Windows (2)")));
    }
}
