package org.mfasuite.keycloak.registration;

import java.util.Set;

/**
 * How the admin view names a user's credential ({@link #kind}) and where its last use comes from
 * ({@link #lastUseSource}): plain rules, so the page and the docs can say what a date means.
 */
public final class MethodKinds {

    /** Last use from the latest stored {@code LOGIN} events that name the credential. */
    public static final String FROM_EVENTS = "sign-in-events";
    /** Last use the credential stores itself (app passwords, remembered devices). */
    public static final String FROM_CREDENTIAL = "credential";
    /** Nothing records a last use (or the realm does not save events). */
    public static final String NOT_RECORDED = "not-recorded";

    /** Types whose successful sign-ins name the credential in the LOGIN event. */
    static final Set<String> NAMED_BY_EVENTS = Set.of("mfa-phone", "otp", "mfa-push-device", "webauthn",
            "webauthn-passwordless");
    /** Types of WebAuthn credentials: their events name the public-key credential id, not Keycloak's id. */
    static final Set<String> WEBAUTHN = Set.of("webauthn", "webauthn-passwordless");
    /** Credentials that are not sign-in methods but ride on one; listed with {@code all=true}. */
    static final Set<String> RIDERS = Set.of("mfa-app-password", "mfa-trusted-device", "mfa-oath-pending");

    private MethodKinds() {
    }

    /**
     * @param hardware whether an {@code otp} credential is an imported hardware token (assigned from the pool)
     * @return phone, push-device, hardware-token, authenticator-app, security-key, passkey, recovery-codes,
     *         app-password, remembered-device or other
     */
    public static String kind(String type, boolean hardware) {
        if (type == null) {
            return "other";
        }
        return switch (type) {
            case "mfa-phone" -> "phone";
            case "mfa-push-device" -> "push-device";
            case "otp" -> hardware ? "hardware-token" : "authenticator-app";
            case "mfa-oath-pending" -> "hardware-token";
            case "webauthn" -> "security-key";
            case "webauthn-passwordless" -> "passkey";
            case "recovery-authn-codes" -> "recovery-codes";
            case "mfa-app-password" -> "app-password";
            case "mfa-trusted-device" -> "remembered-device";
            default -> "other";
        };
    }

    /**
     * @param storesOwn   whether the credential's provider records its last use itself
     * @param eventsSaved whether the realm saves user events (Realm settings → Events → Save events)
     */
    public static String lastUseSource(String type, boolean storesOwn, boolean eventsSaved) {
        if (storesOwn) {
            return FROM_CREDENTIAL;
        }
        return eventsSaved && NAMED_BY_EVENTS.contains(type) ? FROM_EVENTS : NOT_RECORDED;
    }

    /**
     * A WebAuthn credential id in one spelling: Keycloak stores it in standard base64, its sign-in event names it
     * in base64url; padding dropped. Null stays null.
     */
    public static String webAuthnKey(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        return "webauthn:" + id.strip().replace('+', '-').replace('/', '_').replaceAll("=+$", "");
    }
}
