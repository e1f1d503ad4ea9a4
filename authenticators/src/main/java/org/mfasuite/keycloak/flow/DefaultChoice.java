package org.mfasuite.keycloak.flow;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * The record that a default method was chosen, by the user or by an admin, as opposed to the order the user's
 * credentials happen to have. Kept in Keycloak's credential store, beside the credentials it is about: one credential
 * of type {@value #TYPE} per user whose data names the chosen credential ({@code credentialId}, {@code credentialType}),
 * who chose it ({@code chosenBy}: {@code user} or {@code admin}) and when ({@code chosenAt}, epoch seconds). It travels with realm exports; no sign-in step checks it, so Keycloak
 * never offers it as a way to sign in. A record whose credential was removed counts as none.
 */
public final class DefaultChoice {

    public static final String TYPE = "mfa-default-method";
    public static final String BY_USER = "user";
    public static final String BY_ADMIN = "admin";

    private DefaultChoice() {
    }

    /**
     * The user chose this credential as their default (the suite's "Choose your default method" page): it moves to
     * the top of the user's credential order and the choice is recorded.
     *
     * @return false when the user has no such credential
     */
    public static boolean setByUser(UserModel user, String credentialId) {
        return record(user, credentialId, BY_USER, true);
    }

    /**
     * Records the credential as the user's choice without touching the order: for a default a user chose before the
     * record existed, when the order was the only trace of it ({@link DefaultChoiceMigration}).
     */
    static boolean keepByUser(UserModel user, String credentialId) {
        return record(user, credentialId, BY_USER, false);
    }

    /** Whether the user has a record, whether or not its credential still exists. */
    static boolean hasRecord(UserModel user) {
        return !markers(user).isEmpty();
    }

    /**
     * An admin (or an admin's import) sets the user's default method: the credential moves to the top of the user's
     * credential order and the choice is recorded as the admin's, so "the strongest method first" leaves it first.
     *
     * @param credentialId the user's credential (a phone, an authenticator app or hardware token, a push device, ...)
     * @return false when the user has no such credential
     */
    public static boolean setByAdmin(UserModel user, String credentialId) {
        return record(user, credentialId, BY_ADMIN, true);
    }

    /** The recorded choice whose credential the user still has, or null. */
    public static MethodOrder.Chosen of(UserModel user) {
        for (CredentialModel marker : markers(user)) {
            Map<String, Object> data = read(marker);
            String type = chosenType(user, data);
            if (type != null) {
                return new MethodOrder.Chosen(type);
            }
        }
        return null;
    }

    /** Removes the record when the credential it names is gone (after an admin reset, say). */
    public static void forgetIfGone(UserModel user) {
        for (CredentialModel marker : markers(user)) {
            if (chosenType(user, read(marker)) == null) {
                user.credentialManager().removeStoredCredentialById(marker.getId());
            }
        }
    }

    /**
     * The type of the credential a record names, while the user has it: by {@code credentialId}, or, in a record
     * written by hand into a realm import (where ids are not known yet), by {@code credentialType} alone.
     */
    private static String chosenType(UserModel user, Map<String, Object> data) {
        Object id = data.get("credentialId");
        if (id != null) {
            CredentialModel chosen = user.credentialManager().getStoredCredentialById(id.toString());
            return chosen == null ? null : chosen.getType();
        }
        Object type = data.get("credentialType");
        return type != null && user.credentialManager().getStoredCredentialsByTypeStream(type.toString()).findAny().isPresent()
                ? type.toString() : null;
    }

    private static boolean record(UserModel user, String credentialId, String by, boolean moveToTop) {
        CredentialModel chosen = credentialId == null ? null : user.credentialManager().getStoredCredentialById(credentialId);
        if (chosen == null || TYPE.equals(chosen.getType())) {
            return false;
        }
        CredentialModel first = user.credentialManager().getStoredCredentialsStream().findFirst().orElse(null);
        if (moveToTop && (first == null || !first.getId().equals(credentialId))) {
            user.credentialManager().moveStoredCredentialTo(credentialId, null);
        }
        markers(user).forEach(m -> user.credentialManager().removeStoredCredentialById(m.getId()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("credentialId", chosen.getId());
        data.put("credentialType", chosen.getType());
        data.put("chosenBy", by);
        data.put("chosenAt", Time.currentTime());
        CredentialModel marker = new CredentialModel();
        marker.setType(TYPE);
        marker.setUserLabel("Default method (chosen by " + by + ")");
        marker.setCreatedDate(Time.currentTimeMillis());
        try {
            marker.setCredentialData(JsonSerialization.writeValueAsString(data));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        marker.setSecretData("{}");
        user.credentialManager().createStoredCredential(marker);
        return true;
    }

    private static List<CredentialModel> markers(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(TYPE).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(CredentialModel marker) {
        try {
            return marker.getCredentialData() == null ? Map.of()
                    : JsonSerialization.readValue(marker.getCredentialData(), Map.class);
        } catch (IOException | RuntimeException unreadable) {
            return Map.of();
        }
    }
}
