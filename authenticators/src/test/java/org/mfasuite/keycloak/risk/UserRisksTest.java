package org.mfasuite.keycloak.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.mfasuite.keycloak.challenge.RequestScopedStore;
import org.mfasuite.keycloak.geo.LogCapture;

class UserRisksTest {

    @Test
    void aGuardedRaiseTriesAgainOnceAndNeverThrows() {
        AtomicInteger runs = new AtomicInteger();
        List<RuntimeException> failures = new ArrayList<>();
        UserRisks.guarded(() -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("duplicate key PK_MFA_USER_RISK"); // a concurrent first raise won
            }
        }, UserRisks.RAISE_TRIES, failures::add);
        assertEquals(2, runs.get(), "the second try finds the row and updates it");
        assertEquals(List.of(), failures);

        runs.set(0);
        IllegalStateException down = new IllegalStateException("database down");
        UserRisks.guarded(() -> {
            runs.incrementAndGet();
            throw down;
        }, UserRisks.RAISE_TRIES, failures::add);
        assertEquals(2, runs.get());
        assertEquals(1, failures.size(), "told once, after the last try; the caller goes on");
        assertSame(down, failures.get(0));
    }

    @Test
    void aRealmWithoutPasswordHistoryIsWarnedAboutOnceAcrossRequests() {
        RequestScopedStore store = new RequestScopedStore();
        try (LogCapture log = new LogCapture(UserRisks.class)) {
            UserRisks.warnWithoutPasswordHistory(session(store), realm("r1", policy(null)));
            UserRisks.warnWithoutPasswordHistory(session(store.nextRequest()), realm("r1", policy(null)));
            assertEquals(1, log.messages().size(), log.messages().toString());
            assertTrue(log.messages().get(0).contains("Realm r1") && log.messages().get(0).contains("passwordHistory"),
                    log.messages().get(0));
            UserRisks.warnWithoutPasswordHistory(session(store.nextRequest()), realm("r2", policy("1")));
            assertEquals(1, log.messages().size(), "Not recently used (1) refuses the current password: no warning");
            UserRisks.warnWithoutPasswordHistory(session(store.nextRequest()), realm("r3", policy(null)));
            assertEquals(2, log.messages().size(), "per realm");
        }
        assertTrue(UserRisks.needsPasswordHistory(PasswordPolicy.empty()));
        assertFalse(UserRisks.needsPasswordHistory(policy("3")));
    }

    @Test
    void theGatesNoteProvesTheFactorHoweverLongThePasswordPageTook() {
        assertFalse(UserRisks.clearsOnPasswordChange(null, null, null), "no sign-in: never");
        Map<String, String> notes = new HashMap<>();
        AuthenticationSessionModel authSession = (AuthenticationSessionModel) Proxy.newProxyInstance(
                AuthenticationSessionModel.class.getClassLoader(), new Class<?>[] {AuthenticationSessionModel.class},
                (self, method, args) -> switch (method.getName()) {
                    case "getAuthNote" -> notes.get((String) args[0]);
                    case "getUserSessionNotes" -> Map.of(); // no second-factor step completed in the last 15 minutes
                    case "getAuthenticatedUser" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        assertFalse(UserRisks.clearsOnPasswordChange(null, null, authSession));
        notes.put(UserRisks.FRESH_FACTOR_NOTE, "1000"); // set by the gate when it added Update Password
        assertTrue(UserRisks.clearsOnPasswordChange(null, null, authSession));
    }

    /** A password policy as Keycloak parses it, with {@code passwordHistory} when given. */
    private static PasswordPolicy policy(String history) {
        PasswordPolicy.Builder builder = PasswordPolicy.build();
        if (history != null) {
            builder.put(PasswordPolicy.PASSWORD_HISTORY_ID, history);
        }
        PasswordPolicyProvider parser = (PasswordPolicyProvider) Proxy.newProxyInstance(
                PasswordPolicyProvider.class.getClassLoader(), new Class<?>[] {PasswordPolicyProvider.class},
                (self, method, args) -> "parseConfig".equals(method.getName()) ? Integer.valueOf((String) args[0]) : null);
        return builder.build((KeycloakSession) Proxy.newProxyInstance(KeycloakSession.class.getClassLoader(),
                new Class<?>[] {KeycloakSession.class}, (self, method, args) -> parser));
    }

    private static KeycloakSession session(RequestScopedStore store) {
        return (KeycloakSession) Proxy.newProxyInstance(KeycloakSession.class.getClassLoader(),
                new Class<?>[] {KeycloakSession.class}, (self, method, args) -> switch (method.getName()) {
                    case "singleUseObjects" -> store;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static RealmModel realm(String name, PasswordPolicy policy) {
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[] {RealmModel.class},
                (self, method, args) -> switch (method.getName()) {
                    case "getId", "getName" -> name;
                    case "getPasswordPolicy" -> policy;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
