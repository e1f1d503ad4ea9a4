package org.mfasuite.keycloak.access;

import static org.mfasuite.keycloak.access.AccessPolicy.CLIENT_TYPES;
import static org.mfasuite.keycloak.access.AccessPolicy.COUNTRIES;
import static org.mfasuite.keycloak.access.AccessPolicy.EXCLUDED_COUNTRIES;
import static org.mfasuite.keycloak.access.AccessPolicy.EXCLUDED_NETWORKS;
import static org.mfasuite.keycloak.access.AccessPolicy.EXCLUDE_CLIENTS;
import static org.mfasuite.keycloak.access.AccessPolicy.EXCLUDE_GROUPS;
import static org.mfasuite.keycloak.access.AccessPolicy.EXCLUDE_ROLES;
import static org.mfasuite.keycloak.access.AccessPolicy.EXCLUDE_USERS;
import static org.mfasuite.keycloak.access.AccessPolicy.GRANT;
import static org.mfasuite.keycloak.access.AccessPolicy.INCLUDE_CLIENTS;
import static org.mfasuite.keycloak.access.AccessPolicy.INCLUDE_GROUPS;
import static org.mfasuite.keycloak.access.AccessPolicy.INCLUDE_ROLES;
import static org.mfasuite.keycloak.access.AccessPolicy.INCLUDE_USERS;
import static org.mfasuite.keycloak.access.AccessPolicy.NETWORKS;
import static org.mfasuite.keycloak.access.AccessPolicy.SIGN_IN_RISK;
import static org.mfasuite.keycloak.access.AccessPolicy.STATE;
import static org.mfasuite.keycloak.access.AccessPolicy.USER_RISK;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.mfasuite.keycloak.core.Grant;
import org.mfasuite.keycloak.core.RiskLevel;

/** The admin console's fields for one policy, in the order an admin reads a policy: state, grant, who, where. */
public final class AccessPolicyProperties {

    private static final String EXCLUDE_WINS = " Exclusions always win over inclusions.";
    private static final String WHO = " Included users, groups and roles together name who is covered (a match in any "
            + "is enough); all three empty: everyone.";

    /** The grant's first option and default: nothing chosen yet. */
    static final String UNCHOSEN = "";

    private AccessPolicyProperties() {
    }

    public static List<ProviderConfigProperty> all() {
        ProviderConfigurationBuilder b = ProviderConfigurationBuilder.create()
                .property().name(STATE).label("State")
                .helpText("on: enforced. report-only: evaluated and recorded on the sign-in event, never enforced. "
                        + "off: ignored. Default on.")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(Arrays.stream(AccessPolicy.State.values()).map(AccessPolicy.State::id).toList())
                .defaultValue(AccessPolicy.State.ON.id()).add()
                .property().name(GRANT).label("Grant")
                .helpText("Required: choose one. What covered sign-ins need: block; mfa (a second factor); "
                        + "phishing-resistant (WebAuthn / passkey only); password-change (a second factor, then a new "
                        + "password, e.g. with user-risk; direct-grant sign-ins are refused); allow (no second factor, "
                        + "e.g. from a trusted network). Block wins over every policy, then the strongest requirement "
                        + "(a password change adds to it); allow only counts "
                        + "when no applying policy requires more. Left empty, or with any invalid setting, the policy "
                        + "blocks the users it covers.")
                .type(ProviderConfigProperty.LIST_TYPE).options(grants()).defaultValue(UNCHOSEN).required(true).add();
        multi(b, INCLUDE_USERS, "Include users", "Usernames the policy covers." + WHO);
        multi(b, EXCLUDE_USERS, "Exclude users", "Usernames the policy never covers, e.g. break-glass accounts.");
        multi(b, INCLUDE_GROUPS, "Include groups", "Group paths such as /staff; sub-groups are included." + WHO);
        multi(b, EXCLUDE_GROUPS, "Exclude groups", "Group paths such as /staff/interns; sub-groups are excluded.");
        multi(b, INCLUDE_ROLES, "Include roles", "Realm roles, or client roles as client-id/role." + WHO);
        multi(b, EXCLUDE_ROLES, "Exclude roles", "Realm roles, or client roles as client-id/role.");
        multi(b, INCLUDE_CLIENTS, "Include clients", "Client ids. Empty: every client.");
        multi(b, EXCLUDE_CLIENTS, "Exclude clients", "Client ids.");
        multi(b, NETWORKS, "Networks", "Client addresses covered: IPv4 or IPv6 ranges such as 198.51.100.0/24 or "
                + "2001:db8::/32, or single addresses. Empty: anywhere.");
        multi(b, EXCLUDED_NETWORKS, "Excluded networks", "Client addresses never covered, as ranges or addresses.");
        b.property().name(CLIENT_TYPES).label("Client types")
                .helpText("browser: sign-in pages. direct-grant: clients that send the password themselves (legacy "
                        + "apps). Empty: both.")
                .type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
                .options(Arrays.stream(ClientType.values()).map(ClientType::id).toList()).add();
        multi(b, COUNTRIES, "Countries", "Countries of the client address as two-letter ISO 3166 codes such as SE or "
                + "DE, placed by the operator's country database. Empty: anywhere. An address whose country is unknown "
                + "(no database, private or loopback) is in no country.");
        multi(b, EXCLUDED_COUNTRIES, "Excluded countries", "Countries never covered, as two-letter codes. An unknown "
                + "country is never excluded: a policy blocking everything but SE also blocks unknown addresses.");
        risk(b, SIGN_IN_RISK, "Sign-in risk", "Covers sign-ins whose risk is at least this level (unfamiliar device or "
                + "location, impossible travel, anonymous network, password spray, MFA fatigue). Empty: any risk.");
        risk(b, USER_RISK, "User risk", "Covers users whose risk is at least this level (raised by fraud reports and "
                + "high-risk sign-ins, cleared by an admin or a password change after a second factor). Empty: any.");
        List<ProviderConfigProperty> properties = new ArrayList<>(b.build());
        properties.add(AccessPolicy.SIGN_IN_FREQUENCY.property("Policies that require a second factor: the "
                + "smallest applies."));
        properties.add(AccessPolicy.REMEMBER_DEVICE_DAYS.property("Policies that require a second factor: the "
                + "smallest applies."));
        return properties;
    }

    private static void risk(ProviderConfigurationBuilder b, String key, String label, String help) {
        b.property().name(key).label(label).helpText(help).type(ProviderConfigProperty.LIST_TYPE)
                .options(List.of(UNCHOSEN, RiskLevel.LOW.id(), RiskLevel.MEDIUM.id(), RiskLevel.HIGH.id()))
                .defaultValue(UNCHOSEN).add();
    }

    private static void multi(ProviderConfigurationBuilder b, String key, String label, String help) {
        b.property().name(key).label(label).helpText(help + EXCLUDE_WINS)
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add();
    }

    /**
     * The grant list starts with an empty entry: the admin console saves a list's default value, or else its first
     * option, when the admin picks nothing, and an unchosen grant must never weaken sign-in (an empty grant is a
     * problem: the policy blocks).
     */
    private static List<String> grants() {
        List<String> options = new ArrayList<>(List.of(UNCHOSEN));
        Arrays.stream(Grant.values()).filter(g -> g != Grant.NONE).map(Grant::id).forEach(options::add);
        return options;
    }

}
