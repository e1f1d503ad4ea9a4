package org.mfasuite.keycloak.access;

import java.util.Locale;

/** How the client signs the user in: a browser flow or the direct (password) grant of a legacy client. */
public enum ClientType {
    BROWSER("browser"),
    DIRECT_GRANT("direct-grant");

    private final String id;

    ClientType(String id) {
        this.id = id;
    }

    /** The config value. */
    public String id() {
        return id;
    }

    /** The client type a config value names; null when it names none. */
    public static ClientType parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (ClientType t : values()) {
            if (t.id.equals(v)) {
                return t;
            }
        }
        return null;
    }
}
