package org.mfasuite.keycloak.trust;

import java.util.List;
import java.util.Map;

/** A remembered device's name from its browser's User-Agent, e.g. "Firefox on Windows", "Chrome on Android". */
public final class DeviceName {

    /** Browsers in test order: Edge, Opera and Samsung Internet also say "Chrome", Chrome also says "Safari". */
    private static final List<Map.Entry<String, String>> BROWSERS = List.of(
            Map.entry("Edg", "Edge"), Map.entry("OPR/", "Opera"), Map.entry("Opera", "Opera"),
            Map.entry("SamsungBrowser/", "Samsung Internet"), Map.entry("Firefox/", "Firefox"),
            Map.entry("FxiOS/", "Firefox"), Map.entry("CriOS/", "Chrome"), Map.entry("Chrome/", "Chrome"),
            Map.entry("Chromium/", "Chromium"), Map.entry("Safari/", "Safari"));
    /** Systems in test order: Android says "Linux", iOS says "like Mac OS X". */
    private static final List<Map.Entry<String, String>> SYSTEMS = List.of(
            Map.entry("Android", "Android"), Map.entry("iPhone", "iOS"), Map.entry("iPad", "iPadOS"),
            Map.entry("iPod", "iOS"), Map.entry("Windows", "Windows"), Map.entry("CrOS", "ChromeOS"),
            Map.entry("Mac OS X", "macOS"), Map.entry("Macintosh", "macOS"), Map.entry("Linux", "Linux"));
    static final String UNKNOWN = "Web browser";
    private static final int MAX_INPUT = 512;

    private DeviceName() {
    }

    /** "Browser on System", the browser alone when the system is unknown, "Web browser" for anything else. */
    public static String of(String userAgent) {
        String ua = userAgent == null ? "" : userAgent.length() > MAX_INPUT ? userAgent.substring(0, MAX_INPUT) : userAgent;
        String browser = find(BROWSERS, ua);
        String system = find(SYSTEMS, ua);
        String name = browser == null ? UNKNOWN : browser;
        return system == null ? name : name + " on " + system;
    }

    /** The browser alone ("Firefox"), "Web browser" when unknown: push requests show it beside the system. */
    public static String browser(String userAgent) {
        String name = find(BROWSERS, trim(userAgent));
        return name == null ? UNKNOWN : name;
    }

    /** The operating system alone ("Windows"), or null when unknown. */
    public static String system(String userAgent) {
        return find(SYSTEMS, trim(userAgent));
    }

    private static String trim(String userAgent) {
        return userAgent == null ? "" : userAgent.length() > MAX_INPUT ? userAgent.substring(0, MAX_INPUT) : userAgent;
    }

    /** {@code name}, or {@code name (2)}, {@code name (3)}, ... when the user already has a device of that name. */
    public static String unique(String name, List<String> taken) {
        String candidate = name;
        for (int i = 2; taken.contains(candidate); i++) {
            candidate = name + " (" + i + ")";
        }
        return candidate;
    }

    private static String find(List<Map.Entry<String, String>> table, String ua) {
        return table.stream().filter(e -> ua.contains(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
