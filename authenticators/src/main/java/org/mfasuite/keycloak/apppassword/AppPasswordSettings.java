package org.mfasuite.keycloak.apppassword;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.mfasuite.keycloak.core.Grant;
import org.mfasuite.keycloak.challenge.IntSetting;
import org.mfasuite.keycloak.flow.StepConfig;

/**
 * The realm's app-password rules, read from the config of the {@code mfa-app-password} step. The create action
 * and the admin API read the same config: that of the realm's first enabled {@code mfa-app-password} execution
 * that has one (found by provider id, never by alias).
 *
 * @param allowed                whether app passwords may be used and created; off refuses existing ones and
 *                               hides creation, deleting nothing
 * @param maxPerUser             how many one user may have
 * @param defaultExpiryDays      validity of a new app password in days; 0: no expiry
 * @param realPassword           when the real password is still accepted by the step
 * @param revokeOnPasswordChange whether a new password (changed or reset) revokes the user's app passwords
 */
public record AppPasswordSettings(boolean allowed, int maxPerUser, int defaultExpiryDays, RealPassword realPassword,
                                  boolean revokeOnPasswordChange) {

    public static final String ALLOWED = "allowed";
    public static final String REAL_PASSWORD = "real-password";
    public static final String REVOKE_ON_PASSWORD_CHANGE = "revoke-on-password-change";
    static final IntSetting MAX_PER_USER = new IntSetting("max-per-user", 1, 100, 40, "Most per user",
            "How many app passwords one user may have.");
    static final IntSetting DEFAULT_EXPIRY_DAYS = new IntSetting("default-expiry-days", 0, 3650, 0,
            "Default expiry (days)", "How long a new app password is valid; 0 means it does not expire.");

    /** When the step accepts the user's real password instead of an app password. */
    public enum RealPassword {
        /** Unless conditional access requires a second factor for this sign-in (the default). */
        UNLESS_SECOND_FACTOR_REQUIRED("unless-second-factor-required"),
        /** Never: users of this flow must use app passwords. */
        NEVER("never");

        private final String id;

        RealPassword(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /**
         * Whether a correct real password may pass this step under a conditional-access grant. A block or a
         * phishing-resistant demand lets it pass: the gate refuses it either way, and an app password would not help.
         */
        public boolean accepts(Grant grant) {
            if (grant == Grant.BLOCK || grant == Grant.PHISHING_RESISTANT) {
                return true;
            }
            return this != NEVER && !grant.needsSecondFactor();
        }

        static RealPassword parse(String value) {
            for (RealPassword r : values()) {
                if (r.id.equals(value == null ? null : value.trim())) {
                    return r;
                }
            }
            return null;
        }
    }

    public static final AppPasswordSettings DEFAULTS = from(Map.of());

    public static AppPasswordSettings from(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        RealPassword real = RealPassword.parse(c.get(REAL_PASSWORD));
        return new AppPasswordSettings(!"false".equals(c.get(ALLOWED)), MAX_PER_USER.read(c),
                DEFAULT_EXPIRY_DAYS.read(c), real == null ? RealPassword.UNLESS_SECOND_FACTOR_REQUIRED : real,
                !"false".equals(c.get(REVOKE_ON_PASSWORD_CHANGE)));
    }

    /** The realm's rules: those of its first enabled app-password step with a config, else the defaults. */
    public static AppPasswordSettings of(RealmModel realm) {
        return from(StepConfig.of(realm, AppPasswordAuthenticatorFactory.PROVIDER_ID));
    }

    public static List<ProviderConfigProperty> configProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(ProviderConfigurationBuilder.create()
                .property().name(ALLOWED).label("Allow app passwords")
                .helpText("Whether users may create and use app passwords in this realm. Off: creation is hidden "
                        + "and existing app passwords are refused; none is deleted. Default: on.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .property().name(REAL_PASSWORD).label("Real password")
                .helpText("When this step still accepts the user's real password. 'unless-second-factor-required' "
                        + "(default): unless conditional access requires a second factor for the sign-in; then the "
                        + "client is told to use an app password. 'never': only app passwords.")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(RealPassword.UNLESS_SECOND_FACTOR_REQUIRED.id(), RealPassword.NEVER.id())
                .defaultValue(RealPassword.UNLESS_SECOND_FACTOR_REQUIRED.id()).add()
                .property().name(REVOKE_ON_PASSWORD_CHANGE).label("Revoke on password change")
                .helpText("A changed or reset password revokes all of the user's app passwords. Default: on.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .build());
        String appliesTo = "Applies to the whole realm (creation and sign-in).";
        properties.add(MAX_PER_USER.property(appliesTo));
        properties.add(DEFAULT_EXPIRY_DAYS.property(appliesTo));
        return properties;
    }
}
