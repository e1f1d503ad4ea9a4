package org.mfasuite.keycloak.push.delivery;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosts a device may name as its Web Push endpoint: the server POSTs wherever a device points, so without
 * this list a device could make Keycloak call internal addresses (SSRF). An entry is a host name or IP address,
 * or {@code *.domain} for every subdomain of domain (not domain itself).
 */
public record PushHosts(List<String> entries) {

    /** The push services of Chrome/Android, Firefox, Safari/iOS and Edge/Windows. */
    public static final List<String> WELL_KNOWN = List.of("fcm.googleapis.com", "updates.push.services.mozilla.com",
            "*.push.apple.com", "*.notify.windows.com");

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f.]*:[0-9a-f.]*:[0-9a-f:.]*");

    public PushHosts {
        entries = List.copyOf(entries);
    }

    /** Reads the entries; what {@link #problem(String)} finds wrong is left out. */
    public static PushHosts of(List<String> raw) {
        List<String> entries = new ArrayList<>();
        for (String entry : raw) {
            String e = normalise(entry);
            if (problem(e) == null && !entries.contains(e)) {
                entries.add(e);
            }
        }
        return new PushHosts(entries);
    }

    /** Why an entry cannot be used, or null when it is fine. */
    public static String problem(String entry) {
        String e = normalise(entry);
        if (e.isEmpty()) {
            return "an empty host";
        }
        if (e.startsWith("[") && e.endsWith("]") && IPV6.matcher(e.substring(1, e.length() - 1)).matches()) {
            return null;
        }
        String name = e.startsWith("*.") ? e.substring(2) : e;
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return "'" + entry + "' is not a host name (no scheme, port or path; '*.' only in front)";
            }
        }
        return null;
    }

    public boolean allows(URI uri) {
        return uri != null && uri.getHost() != null && allows(uri.getHost());
    }

    public boolean allows(String host) {
        String h = normalise(host);
        for (String entry : entries) {
            if (entry.startsWith("*.") ? h.endsWith(entry.substring(1)) && h.length() > entry.length() - 1 : h.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    /** Listed by its exact name, not through a {@code *.} entry: the only hosts plain http may reach (tests). */
    public boolean listsExactly(String host) {
        return entries.contains(normalise(host));
    }

    private static String normalise(String host) {
        String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]"; // a bare IPv6 literal, as URI.getHost() writes it with brackets
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
