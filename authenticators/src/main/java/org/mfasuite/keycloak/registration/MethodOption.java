package org.mfasuite.keycloak.registration;

import java.util.Set;

/**
 * One kind of second-factor method a user can set up: its credential type, the required action that sets it
 * up, and how it is shown (message keys of its credential metadata, as Keycloak's method chooser uses them).
 * Templates call the record's accessors ({@code m.type()}).
 */
public record MethodOption(String type, String createAction, String displayName, String helpText, String icon,
                           boolean phishingResistant) {

    /**
     * Types the registration prompt describes in its own words (messages {@code mfa-register-method-<type>} and
     * {@code …-hint}): Keycloak's metadata texts are written for signing in ("Enter a recovery authentication code
     * from a previously generated list") and in another style, which reads wrong to a user who is setting one up.
     */
    static final Set<String> OWN_WORDS = Set.of("mfa-phone", "mfa-push-device", "otp", "webauthn",
            "webauthn-passwordless", "recovery-authn-codes");

    /** The method's name on the registration prompt (a message key). */
    public String promptName() {
        return OWN_WORDS.contains(type) ? "mfa-register-method-" + type : displayName;
    }

    /** What setting it up gives the user, on the registration prompt (a message key). */
    public String promptHint() {
        return OWN_WORDS.contains(type) ? "mfa-register-method-" + type + "-hint" : helpText;
    }
}
