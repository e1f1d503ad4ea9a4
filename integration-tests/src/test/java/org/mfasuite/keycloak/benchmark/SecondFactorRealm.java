package org.mfasuite.keycloak.benchmark;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;

/**
 * The second-factor benchmark's realm: Keycloak's defaults (Argon2, the OTP policy: HmacSHA1, 6 digits, 30 s), users
 * with a password and an authenticator app ({@code otp-N}) and users with a password and a phone ({@code sms-N}),
 * one user per sign-in so no TOTP code is used twice, and one public client per flow under test.
 */
public class SecondFactorRealm implements RealmConfig {

    static final String NAME = "mfa-bench-2f";
    static final String PASSWORD = "bench-password-1";
    static final String TOTP_SECRET = "12345678901234567890";
    static final String OTP_CLIENT = "bench-otp";
    static final String SMS_CLIENT = "bench-sms";
    /** Phones of this run: {@code PHONE_PREFIX + NNNN}, unique per run so outbox lookups never mix runs. */
    static final String PHONE_PREFIX = String.format("+46739%02d", (int) (System.currentTimeMillis() / 1000 % 100));

    static int users() {
        return SecondFactorSignInBenchmark.WARM_UP + SecondFactorSignInBenchmark.SIGN_INS;
    }

    static String phone(int i) {
        return PHONE_PREFIX + String.format("%04d", i);
    }

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        List<UserRepresentation> users = new ArrayList<>();
        for (int i = 1; i <= users(); i++) {
            CredentialRepresentation otp = new CredentialRepresentation();
            otp.setType("otp");
            otp.setUserLabel("app");
            otp.setSecretData("{\"value\":\"" + TOTP_SECRET + "\"}");
            otp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
                    + "\"algorithm\":\"HmacSHA1\"}");
            users.add(user("otp-" + i, otp));
            CredentialRepresentation phone = new CredentialRepresentation();
            phone.setType("mfa-phone");
            phone.setUserLabel(phone(i));
            phone.setCredentialData("{\"phoneNumber\":\"" + phone(i) + "\"}");
            phone.setSecretData("{}");
            users.add(user("sms-" + i, phone));
        }
        return realm.name(NAME).sslRequired("none")
                .users(users.toArray(UserRepresentation[]::new))
                .clients(BenchFlows.client(OTP_CLIENT), BenchFlows.client(SMS_CLIENT));
    }

    private static UserRepresentation user(String username, CredentialRepresentation secondFactor) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@example.org");
        user.setEmailVerified(true);
        user.setFirstName(username);
        user.setLastName("Bench");
        user.setEnabled(true);
        user.setRealmRoles(List.of("default-roles-" + NAME));
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password, secondFactor));
        return user;
    }
}
