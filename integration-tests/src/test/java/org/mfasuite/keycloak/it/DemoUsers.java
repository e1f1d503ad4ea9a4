package org.mfasuite.keycloak.it;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.realm.CredentialBuilder;
import org.keycloak.testframework.realm.ManagedRealm;

/** Creates fresh users in the demo realm, so limits and lockouts of one test never touch another. */
public final class DemoUsers {

    public static final String PASSWORD = "secret-password-1";
    /** Authenticator-app secret (raw) for users that also have OTP. */
    public static final String TOTP_SECRET = "12345678901234567890";

    private DemoUsers() {
    }

    /**
     * A user with a password and a verified phone for each number given. Returns the user id. With an authenticator
     * app too, the phone is the default an admin chose (a {@code mfa-default-method} record naming the type), so the
     * sign-in starts with a text message as the tests of the phone pages expect; without that record the app, the
     * stronger method, would come first ({@code StrongestMethodFirstTest}).
     */
    public static String withPhones(ManagedRealm realm, String username, boolean withOtp, String... phones) {
        return create(realm, username, List.of(), withOtp,
                withOtp && phones.length > 0 ? List.of(phoneChosenByAdmin()) : List.of(), phones);
    }

    /** The record of a default chosen by an admin, naming the phone by type (ids are unknown before the import). */
    static CredentialRepresentation phoneChosenByAdmin() {
        CredentialRepresentation chosen = new CredentialRepresentation();
        chosen.setType("mfa-default-method");
        chosen.setUserLabel("Default method (chosen by admin)");
        chosen.setCredentialData("{\"credentialType\":\"mfa-phone\",\"chosenBy\":\"admin\"}");
        chosen.setSecretData("{}");
        return chosen;
    }

    /** A new user named {@code prefix-…} with one verified phone. Returns the username. */
    public static String withPhone(ManagedRealm realm, String prefix, String phone) {
        String username = uniqueName(prefix);
        withPhones(realm, username, false, phone);
        return username;
    }

    /** A user with a password, pending required actions, optionally OTP, and verified phones. Returns the id. */
    public static String create(ManagedRealm realm, String username, List<String> requiredActions, boolean withOtp,
                                String... phones) {
        return create(realm, username, requiredActions, withOtp, List.of(), phones);
    }

    static String create(ManagedRealm realm, String username, List<String> requiredActions, boolean withOtp,
                                 List<CredentialRepresentation> more, String... phones) {
        UserRepresentation user = new UserRepresentation();
        user.setRequiredActions(requiredActions);
        user.setUsername(username);
        user.setEmail(username + "@example.org");
        user.setFirstName(username);
        user.setLastName("Test");
        user.setEmailVerified(true);
        user.setEnabled(true);
        List<CredentialRepresentation> credentials = new ArrayList<>();
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PASSWORD);
        password.setTemporary(false);
        credentials.add(password);
        long created = 1_700_000_000_000L;
        for (String phone : phones) {
            CredentialRepresentation credential = new CredentialRepresentation();
            credential.setType("mfa-phone");
            credential.setUserLabel(phone);
            credential.setCredentialData("{\"phoneNumber\":\"" + phone + "\"}");
            credential.setSecretData("{}");
            credential.setCreatedDate(created++);
            credentials.add(credential);
        }
        if (withOtp) {
            credentials.add(CredentialBuilder.totp(TOTP_SECRET).build());
        }
        credentials.addAll(more);
        user.setCredentials(credentials);
        try (Response response = realm.admin().users().create(user)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Creating " + username + " failed: " + response.getStatus());
            }
            String location = response.getLocation().getPath();
            String id = location.substring(location.lastIndexOf('/') + 1);
            realm.cleanup().add(r -> r.users().delete(id).close());
            return id;
        }
    }

    /**
     * A user with a password and one landline registered for calls only (as registration stores it where the realm
     * allows landlines). Returns the user id.
     */
    public static String withLandline(ManagedRealm realm, String username, String landline) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType("mfa-phone");
        credential.setUserLabel(landline);
        credential.setCredentialData("{\"phoneNumber\":\"" + landline + "\",\"landline\":true}");
        credential.setSecretData("{}");
        return create(realm, username, List.of(), false, List.of(credential));
    }

    /** A unique E.164 Swedish landline (Stockholm, 08), for calls only. */
    public static String uniqueLandline() {
        int n = Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000);
        return String.format("+468%07d", n);
    }

    /** A unique E.164 Swedish mobile number, so outbox lookups never mix tests. */
    public static String uniquePhone() {
        int n = Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000);
        return String.format("+4670%07d", n);
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
