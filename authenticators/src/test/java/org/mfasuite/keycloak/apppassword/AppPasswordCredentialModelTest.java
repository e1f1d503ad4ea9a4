package org.mfasuite.keycloak.apppassword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;
import org.mfasuite.keycloak.apppassword.AppPasswordCredentialModel.Result;
import org.mfasuite.keycloak.challenge.Pepper;
import org.mfasuite.keycloak.challenge.PepperKeys;

class AppPasswordCredentialModelTest {

    private static final Pepper KEY = Pepper.derive("kid-1", "realm-key-1".getBytes(StandardCharsets.UTF_8));
    private static final Pepper OTHER = Pepper.derive("kid-2", "realm-key-2".getBytes(StandardCharsets.UTF_8));
    private static final long NOW = 1_800_000_000L;
    private static final Long PASSWORD_DATE = 1_700_000_000_000L;

    private final PepperKeys keys = keys(Map.of("kid-1", KEY, "kid-2", OTHER));

    private static PepperKeys keys(Map<String, Pepper> byKid) {
        return new PepperKeys() {
            @Override
            public Optional<Pepper> active() {
                return Optional.of(KEY);
            }

            @Override
            public Optional<Pepper> byKid(String kid) {
                return Optional.ofNullable(byKid.get(kid));
            }
        };
    }

    /** As stored and read back: through the JSON of a plain credential model. */
    private static AppPasswordCredentialModel stored(AppPasswordSecret p, List<String> clients, long expiresAt) {
        AppPasswordCredentialModel made = AppPasswordCredentialModel.create("Thunderbird", "user-1", p, KEY, clients,
                expiresAt, PASSWORD_DATE);
        CredentialModel plain = new CredentialModel();
        plain.setId("cred-1");
        plain.setType(made.getType());
        plain.setUserLabel(made.getUserLabel());
        plain.setCreatedDate(made.getCreatedDate());
        plain.setCredentialData(made.getCredentialData());
        plain.setSecretData(made.getSecretData());
        return AppPasswordCredentialModel.createFromCredentialModel(plain);
    }

    private Result check(AppPasswordCredentialModel r, AppPasswordSecret typed) {
        return r.check(typed, "user-1", keys, NOW, "mail-server", PASSWORD_DATE, true);
    }

    @Test
    void theRightAppPasswordIsValid() {
        AppPasswordSecret p = AppPasswordSecret.generate();
        assertEquals(Result.VALID, check(stored(p, List.of(), 0), p));
    }

    @Test
    void nothingStoredRevealsTheSecret() {
        AppPasswordSecret p = AppPasswordSecret.generate();
        AppPasswordCredentialModel r = stored(p, List.of(), 0);
        assertFalse(r.getCredentialData().contains(p.secret()));
        assertFalse(r.getSecretData().contains(p.secret()));
        assertTrue(r.getCredentialData().contains("\"publicId\":\"" + p.publicId() + "\""), r.getCredentialData());
        assertTrue(r.getSecretData().contains("\"kid\":\"kid-1\""), r.getSecretData());
    }

    @Test
    void aWrongSecretOrAnotherUsersRecordIsWrong() {
        AppPasswordSecret p = AppPasswordSecret.generate();
        AppPasswordCredentialModel r = stored(p, List.of(), 0);
        char last = p.secret().charAt(23);
        AppPasswordSecret oneLetterOff = new AppPasswordSecret(p.publicId(),
                p.secret().substring(0, 23) + (last == 'z' ? 'a' : (char) (last + 1)));
        assertEquals(Result.WRONG, check(r, oneLetterOff));
        assertEquals(Result.WRONG, r.check(p, "user-2", keys, NOW, "mail-server", PASSWORD_DATE, true),
                "the hash binds the user: a record copied to another user does not verify");
        assertEquals(Result.WRONG, check(r, AppPasswordSecret.generate()), "another public id");
    }

    @Test
    void theHashIsKeyedWithTheServerSidePepper() {
        AppPasswordSecret p = AppPasswordSecret.generate();
        assertNotEquals(AppPasswordHash.of(KEY, "u", p), AppPasswordHash.of(OTHER, "u", p));
        assertTrue(AppPasswordHash.matches(KEY, "u", p, AppPasswordHash.of(KEY, "u", p)));
        assertFalse(AppPasswordHash.matches(KEY, "u", p, "not base64 !"));
        assertFalse(AppPasswordHash.matches(KEY, "u", p, null));
    }

    @Test
    void aRemovedRealmKeyMakesItUncheckable() {
        AppPasswordSecret p = AppPasswordSecret.generate();
        assertEquals(Result.NO_KEY, stored(p, List.of(), 0).check(p, "user-1", keys(Map.of()), NOW, "mail-server",
                PASSWORD_DATE, true));
    }

    @Test
    void expiresAtItsTime() {
        AppPasswordSecret p = AppPasswordSecret.generate();
        assertEquals(Result.VALID, check(stored(p, List.of(), NOW + 1), p));
        assertEquals(Result.EXPIRED, check(stored(p, List.of(), NOW), p));
        assertEquals(Result.VALID, check(stored(p, List.of(), 0), p), "0: no expiry");
    }

    @Test
    void limitedToItsClients() {
        AppPasswordSecret p = AppPasswordSecret.generate();
        assertEquals(Result.VALID, check(stored(p, List.of("mail-server", "caldav"), 0), p));
        assertEquals(Result.CLIENT_NOT_ALLOWED, check(stored(p, List.of("caldav"), 0), p));
    }

    @Test
    void aNewPasswordRevokesItUnlessConfiguredOtherwise() {
        AppPasswordSecret p = AppPasswordSecret.generate();
        AppPasswordCredentialModel r = stored(p, List.of(), 0);
        assertEquals(Result.REVOKED, r.check(p, "user-1", keys, NOW, "mail-server", PASSWORD_DATE + 1, true));
        assertEquals(Result.REVOKED, r.check(p, "user-1", keys, NOW, "mail-server", null, true), "password removed");
        assertEquals(Result.VALID, r.check(p, "user-1", keys, NOW, "mail-server", PASSWORD_DATE + 1, false));
    }

    @Test
    void restrictionsAreToldOnlyToWhoeverHoldsTheSecret() {
        AppPasswordSecret p = AppPasswordSecret.generate();
        AppPasswordSecret guess = new AppPasswordSecret(p.publicId(), AppPasswordSecret.generate().secret());
        AppPasswordCredentialModel expiredElsewhere = stored(p, List.of("caldav"), NOW - 10);
        assertEquals(Result.WRONG, expiredElsewhere.check(guess, "user-1", keys, NOW, "mail-server", PASSWORD_DATE + 1, true));
    }

    @Test
    void aUseKeepsEverythingElse() {
        AppPasswordSecret p = AppPasswordSecret.generate();
        AppPasswordCredentialModel used = stored(p, List.of("mail-server"), NOW + 100).usedAt(NOW, "192.0.2.7");
        assertEquals(NOW, used.getData().lastUsedAt());
        assertEquals("192.0.2.7", used.getData().lastUsedIp());
        assertEquals("cred-1", used.getId());
        assertEquals("Thunderbird", used.getUserLabel());
        assertEquals(Result.VALID, check(AppPasswordCredentialModel.createFromCredentialModel(used), p));
    }

    @Test
    void aDamagedRecordNeverVerifies() {
        CredentialModel plain = new CredentialModel();
        plain.setType(AppPasswordCredentialModel.TYPE);
        plain.setCredentialData("{not json");
        plain.setSecretData("also not");
        AppPasswordCredentialModel r = AppPasswordCredentialModel.createFromCredentialModel(plain);
        assertEquals(Result.WRONG, check(r, AppPasswordSecret.generate()));
    }
}
