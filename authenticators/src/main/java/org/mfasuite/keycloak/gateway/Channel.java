package org.mfasuite.keycloak.gateway;

/** How a message reaches the phone. */
public enum Channel {
    SMS,
    VOICE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
