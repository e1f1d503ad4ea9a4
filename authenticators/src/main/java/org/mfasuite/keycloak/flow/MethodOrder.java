package org.mfasuite.keycloak.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Which of a sub-flow's alternative steps a sign-in starts with: the one rule behind "the strongest method first".
 * <ol>
 * <li>The realm switched it off: Keycloak's own choice.</li>
 * <li>The user (or an admin) chose a default: its step, as long as one of the usable steps serves it (a phone: the
 * text step, the call step for a landline).</li>
 * <li>Keycloak would start with a security key or passkey: that stays (passkeys keep Keycloak's own place).</li>
 * <li>Otherwise the strongest usable step: push, authenticator app or hardware token, call or text; equals in
 * Keycloak's order. Steps of no known strength (recovery codes, the temporary access pass step, other extensions)
 * are never preferred; with none of the known ones usable, Keycloak's own choice. The pass step checks no
 * credential (on purpose, see {@code TemporaryPassAuthenticator}), so Keycloak lists it after the credential steps
 * and the credential order cannot put it first.</li>
 * </ol>
 * Keycloak's own choice is the first of its list of ways: steps that check a credential in the order of the user's
 * credentials (the order a chosen default changes), then the other steps in flow order.
 */
public final class MethodOrder {

    /** How strong a step is, strongest first; {@link #PASSKEY} and {@link #OTHER} are never preferred. */
    public enum Strength {
        PUSH, APP_OR_TOKEN, CALL_OR_TEXT, PASSKEY, OTHER;

        boolean preferred() {
            return this != PASSKEY && this != OTHER;
        }
    }

    /**
     * One step the user can use now.
     *
     * @param executionId    the execution's id
     * @param authenticator  its provider id ({@code mfa-voice}, {@code auth-otp-form}, ...)
     * @param credentialType the credential type it checks, as Keycloak lists it; null for steps that check none
     */
    public record Step(String executionId, String authenticator, String credentialType) {

        public Strength strength() {
            if (VOICE.equals(authenticator)) {
                return Strength.CALL_OR_TEXT;
            }
            if (credentialType == null) {
                return Strength.OTHER;
            }
            return switch (credentialType) {
                case "mfa-push-device" -> Strength.PUSH;
                case "otp" -> Strength.APP_OR_TOKEN;
                case PHONE -> Strength.CALL_OR_TEXT;
                case "webauthn", "webauthn-passwordless" -> Strength.PASSKEY;
                default -> Strength.OTHER;
            };
        }

        /** Whether this step signs in with a credential of this type: the call step reaches phones too. */
        boolean serves(String type) {
            return Objects.equals(type, credentialType) || PHONE.equals(type) && VOICE.equals(authenticator);
        }
    }

    /** The strength of a method by its credential type ({@code mfa-phone}: call or text). */
    public static Strength strengthOf(String credentialType) {
        return new Step(null, null, credentialType).strength();
    }

    /** A default that was chosen: the chosen credential's type. */
    public record Chosen(String credentialType) {
    }

    static final String PHONE = "mfa-phone";
    static final String VOICE = "mfa-voice";

    private MethodOrder() {
    }

    /**
     * @param strongestFirst  the realm's switch
     * @param usable          the sub-flow's steps the user can use, in flow order
     * @param credentialTypes the types of the user's credentials in the user's order (duplicates allowed)
     * @param chosen          the default the user or an admin chose, or null
     * @return the step to start with; null when Keycloak's own choice stands (or there is no step)
     */
    public static Step first(boolean strongestFirst, List<Step> usable, List<String> credentialTypes, Chosen chosen) {
        List<Step> keycloak = keycloakOrder(usable, credentialTypes);
        if (!strongestFirst || keycloak.isEmpty()) {
            return null;
        }
        if (chosen != null) {
            Step serving = keycloak.stream().filter(s -> s.serves(chosen.credentialType())).findFirst().orElse(null);
            if (serving != null) {
                return serving;
            }
        }
        if (keycloak.get(0).strength() == Strength.PASSKEY) {
            return null;
        }
        return keycloak.stream().filter(s -> s.strength().preferred())
                .min(Comparator.comparing(Step::strength)).orElse(null); // stable: equals keep Keycloak's order
    }

    /**
     * The steps in the order Keycloak lists them: those that check a credential by the user's credential order, then
     * the others in flow order. A credential step of a type the user lacks is left out, as Keycloak does.
     */
    public static List<Step> keycloakOrder(List<Step> steps, List<String> credentialTypes) {
        List<Step> ordered = new ArrayList<>();
        credentialTypes.stream().distinct().forEach(type -> steps.stream()
                .filter(s -> type.equals(s.credentialType())).findFirst().ifPresent(ordered::add));
        steps.stream().filter(s -> s.credentialType() == null).forEach(ordered::add);
        return ordered;
    }
}
