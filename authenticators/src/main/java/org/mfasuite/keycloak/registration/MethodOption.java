package org.mfasuite.keycloak.registration;

/**
 * One kind of second-factor method a user can set up: its credential type, the required action that sets it
 * up, and how it is shown (message keys of its credential metadata, as Keycloak's method chooser uses them).
 * Templates call the record's accessors ({@code m.type()}).
 */
public record MethodOption(String type, String createAction, String displayName, String helpText, String icon,
                           boolean phishingResistant) {
}
