package org.mfasuite.keycloak.temporarypass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.mfasuite.keycloak.core.SecondFactor;
import org.mfasuite.keycloak.temporarypass.TemporaryPassCredentialModel.Result;

/** The sign-in step's rules for the pass, without a server. */
class TemporaryPassRulesTest {

    @Test
    void thePasswordFormIsShownOnlyWhereNoFirstFactorWasGivenAndNeverInASecondFactorPlace() {
        assertTrue(TemporaryPassAuthenticator.firstFactor(false, false, false, false), "no user yet");
        assertFalse(TemporaryPassAuthenticator.firstFactor(true, false, false, false), "user known, no re-auth");
        assertTrue(TemporaryPassAuthenticator.firstFactor(true, true, false, false),
                "re-auth, standing in for the password form");
        assertFalse(TemporaryPassAuthenticator.firstFactor(true, true, true, false),
                "re-auth after the password was given: the pass alone");
        assertFalse(TemporaryPassAuthenticator.firstFactor(true, true, false, true),
                "re-auth in a second-factor step: the pass alone, never the password");
    }

    @Test
    void aWrongPassOrOneWhoseKeyIsGoneIsCheckedAsThePassword() {
        assertTrue(TemporaryPassAuthenticator.fallsThroughToPassword(Result.WRONG));
        assertTrue(TemporaryPassAuthenticator.fallsThroughToPassword(Result.NO_KEY));
        for (Result r : List.of(Result.VALID, Result.USED, Result.EXPIRED, Result.NOT_YET_VALID)) {
            assertFalse(TemporaryPassAuthenticator.fallsThroughToPassword(r), r.name());
        }
    }

    @Test
    void onlyATypedPasswordOfAUserNotYetLockedOutCountsTowardsTheLockOut() {
        assertTrue(TemporaryPassAuthenticator.countsAsFailure("wrong", false));
        assertFalse(TemporaryPassAuthenticator.countsAsFailure("", false));
        assertFalse(TemporaryPassAuthenticator.countsAsFailure(null, false));
        assertFalse(TemporaryPassAuthenticator.countsAsFailure("wrong", true));
    }

    @Test
    void ofPassesStoredByRacingIssuesTheNewestIsKept() {
        List<CredentialModel> sorted = Stream.of(credential("a", 100L), credential("c", 300L), credential("b", 300L))
                .sorted(TemporaryPassCredentialProvider.NEWEST_FIRST).toList();
        assertEquals(List.of("c", "b", "a"), sorted.stream().map(CredentialModel::getId).toList());
    }

    @Test
    void aPassCountsOnlyForTheUserWhoseItWas() {
        Map<String, String> notes = new HashMap<>();
        UserModel[] authenticated = {null};
        AuthenticationSessionModel session = authSession(notes, authenticated);
        UserModel a = user("a");
        SecondFactor.markPassGiven(session, a);
        assertFalse(SecondFactor.passGiven(session), "nobody signed in yet");
        authenticated[0] = a;
        assertTrue(SecondFactor.passGiven(session));
        authenticated[0] = user("b");
        assertFalse(SecondFactor.passGiven(session), "another user on the same page");
        authenticated[0] = a;
        SecondFactor.clearPassGiven(session);
        assertFalse(SecondFactor.passGiven(session), "cleared once a password gave the first factor");
    }

    private static CredentialModel credential(String id, long created) {
        CredentialModel c = new CredentialModel();
        c.setId(id);
        c.setCreatedDate(created);
        return c;
    }

    private static UserModel user(String id) {
        return (UserModel) Proxy.newProxyInstance(UserModel.class.getClassLoader(), new Class<?>[] {UserModel.class},
                (proxy, method, args) -> "getId".equals(method.getName()) ? id : null);
    }

    private static AuthenticationSessionModel authSession(Map<String, String> notes, UserModel[] authenticated) {
        return (AuthenticationSessionModel) Proxy.newProxyInstance(AuthenticationSessionModel.class.getClassLoader(),
                new Class<?>[] {AuthenticationSessionModel.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setAuthNote" -> notes.put((String) args[0], (String) args[1]);
                    case "getAuthNote" -> notes.get((String) args[0]);
                    case "removeAuthNote" -> notes.remove((String) args[0]);
                    case "getAuthenticatedUser" -> authenticated[0];
                    default -> null;
                });
    }
}
