package org.mfasuite.keycloak.it;

import java.util.List;

import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * A demo user with one of each kind the admin users page lists: a phone, an authenticator app, a push device, an app
 * password and a remembered device (stored as the suite stores them, with their own last use), optionally a
 * hardware token assigned from the pool.
 */
final class SeededMethods {

    /** Seeded last uses: app password (epoch seconds, as stored) and remembered device (epoch milliseconds). */
    static final long APP_PASSWORD_USED_SECONDS = 1_767_312_000L;
    static final long DEVICE_USED_MILLIS = 1_767_398_400_000L;

    final String username;
    final String userId;
    final String phone;

    private SeededMethods(String username, String userId, String phone) {
        this.username = username;
        this.userId = userId;
        this.phone = phone;
    }

    static SeededMethods create(ManagedRealm realm, String prefix) {
        String username = DemoUsers.uniqueName(prefix);
        String phone = DemoUsers.uniquePhone();
        String id = DemoUsers.create(realm, username, List.of(), true, List.of(
                credential("mfa-push-device", "Pixel 8",
                        "{\"deviceId\":\"" + username.replace("-", "") + "device0000\",\"platform\":\"android\","
                                + "\"x\":\"x\",\"y\":\"y\",\"keyThumbprint\":\"t\",\"push\":null,\"keyUpdated\":1767225600000}",
                        "{}", 1_767_225_600_000L),
                credential("mfa-app-password", "Thunderbird",
                        "{\"publicId\":\"dfmf\",\"clients\":[],\"expiresAt\":0,\"lastUsedAt\":" + APP_PASSWORD_USED_SECONDS
                                + ",\"lastUsedIp\":\"203.0.113.9\",\"passwordDate\":null}", "{}", 1_767_225_700_000L),
                credential("mfa-trusted-device", "Firefox on Linux",
                        "{\"ipAddress\":\"203.0.113.7\",\"lastUsed\":" + DEVICE_USED_MILLIS + "}",
                        "{\"tokenHash\":\"not-a-real-hash\"}", 1_767_225_800_000L)), phone);
        return new SeededMethods(username, id, phone);
    }

    /**
     * Makes the phone the user's default as an admin does (REST), so a sign-in starts with the text message: without
     * that choice it would start with push, the user's strongest method.
     */
    void phoneFirst(ManagedRealm realm, AdminApi api) {
        String phoneId = realm.admin().users().get(userId).credentials().stream()
                .filter(c -> "mfa-phone".equals(c.getType())).findFirst().orElseThrow().getId();
        java.net.http.HttpResponse<String> set = api.makeDefault(api.tokenWithRoles("manage-users"), userId, phoneId);
        if (set.statusCode() != 204) {
            throw new IllegalStateException("PUT …/default: " + set.statusCode() + " " + set.body());
        }
    }

    private static CredentialRepresentation credential(String type, String label, String data, String secret,
                                                       long created) {
        CredentialRepresentation c = new CredentialRepresentation();
        c.setType(type);
        c.setUserLabel(label);
        c.setCredentialData(data);
        c.setSecretData(secret);
        c.setCreatedDate(created);
        return c;
    }
}
