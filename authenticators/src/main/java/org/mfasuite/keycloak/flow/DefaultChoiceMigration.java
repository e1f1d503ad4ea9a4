package org.mfasuite.keycloak.flow;

import java.util.List;
import java.util.Map;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Start-up move {@value #TASK}: keeps the defaults users chose before "the strongest method first" existed.
 * <p>
 * Up to v0.1.0 a default chosen on "Choose your default method" (or dragged by an admin) was kept only as the user's
 * credential order, with no {@link DefaultChoice} record. Without one, strongest-first would move push or the app
 * above the phone such a user chose. So, once per realm, each user without a record whose credential order starts
 * with a method strongest-first would not pick gets a record ({@code chosenBy} {@code user}) naming that first
 * method: the user's sign-in starts as before the upgrade. The rule, on the user's credentials of the methods
 * strongest-first ranks (push, app or hardware token, phone) and passkeys, in the user's order:
 * <ul>
 * <li>two or more different such methods (one method: nothing to choose between),</li>
 * <li>the first is not a passkey or security key (strongest-first keeps those first anyway),</li>
 * <li>the first is weaker than the strongest of them.</li>
 * </ul>
 * An order cannot tell a deliberate choice from one that merely fell so (a phone registered before the app, with no
 * choice made): such users are recorded as well, so every user's sign-in starts as it did before the upgrade; a user
 * or an admin choosing again, or deleting the record, lets strongest-first apply.
 * <p>
 * Once per realm: a realm done is marked with the attribute {@value #DONE} (realms created by this version are
 * marked at creation: their orders are strongest-first's own). Later orders are never read as choices: a user who
 * adds a stronger method after the upgrade gets it first. Users are read in pages of {@value #PAGE}, each page in
 * its own transaction, from Keycloak's own user store (never a federation such as LDAP); users with a record are
 * skipped, so a move cut short resumes where it stopped.
 */
public final class DefaultChoiceMigration {

    public static final String TASK = "mfa-default-method-migration";
    /** Realm attribute: the realm's orders were read (value {@code true}). */
    public static final String DONE = "mfa-default-method-migrated";
    static final int PAGE = 200;

    private DefaultChoiceMigration() {
    }

    /** Runs the move over every realm not yet done; returns how many users got a record. */
    public static int run(KeycloakSession session) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        int kept = 0;
        for (RealmModel realm : session.realms().getRealmsStream().toList()) {
            if (!"true".equals(realm.getAttribute(DONE))) {
                kept += run(factory, realm.getId());
                realm.setAttribute(DONE, "true");
            }
        }
        return kept;
    }

    /** Marks a realm created by this version: nothing in it predates strongest-first. */
    public static void markDone(RealmModel realm) {
        realm.setAttribute(DONE, "true");
    }

    private static int run(KeycloakSessionFactory factory, String realmId) {
        Map<String, String> all = Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "false");
        int kept = 0;
        for (int first = 0; ; first += PAGE) {
            int offset = first;
            int[] page = new int[2]; // users read, records written
            KeycloakModelUtils.runJobInTransaction(factory, s -> {
                RealmModel realm = s.realms().getRealm(realmId);
                s.getContext().setRealm(realm);
                // the local store only: a start never searches a user federation (LDAP) nor imports from it
                List<UserModel> users = s.getProvider(UserProvider.class).searchForUserStream(realm, all, offset, PAGE).toList();
                page[0] = users.size();
                for (UserModel user : users) {
                    if (keep(user)) {
                        page[1]++;
                    }
                }
            });
            kept += page[1];
            if (page[0] < PAGE) {
                return kept;
            }
        }
    }

    private static boolean keep(UserModel user) {
        if (DefaultChoice.hasRecord(user)) {
            return false;
        }
        List<CredentialModel> credentials = user.credentialManager().getStoredCredentialsStream().toList();
        int chosen = chosen(credentials.stream().map(CredentialModel::getType).toList());
        return chosen >= 0 && DefaultChoice.keepByUser(user, credentials.get(chosen).getId());
    }

    /**
     * @param types the types of the user's credentials, in the user's order
     * @return the index of the credential the user deliberately put first, or -1 (see the class)
     */
    static int chosen(List<String> types) {
        int first = -1;
        MethodOrder.Strength strongest = null;
        long methods = types.stream().filter(t -> MethodOrder.strengthOf(t).preferred()).distinct().count();
        for (int i = 0; i < types.size(); i++) {
            MethodOrder.Strength strength = MethodOrder.strengthOf(types.get(i));
            if (first < 0 && (strength.preferred() || strength == MethodOrder.Strength.PASSKEY)) {
                first = i;
            }
            if (strength.preferred() && (strongest == null || strength.compareTo(strongest) < 0)) {
                strongest = strength;
            }
        }
        if (methods < 2 || MethodOrder.strengthOf(types.get(first)) == MethodOrder.Strength.PASSKEY) {
            return -1;
        }
        return MethodOrder.strengthOf(types.get(first)) == strongest ? -1 : first;
    }
}
