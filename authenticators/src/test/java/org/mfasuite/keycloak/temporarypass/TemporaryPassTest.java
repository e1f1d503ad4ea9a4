package org.mfasuite.keycloak.temporarypass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.challenge.Pepper;
import org.mfasuite.keycloak.temporarypass.TemporaryPassCredentialModel.Data;
import org.mfasuite.keycloak.temporarypass.TemporaryPassCredentialModel.Result;
import org.mfasuite.keycloak.temporarypass.TemporaryPassCredentialModel.Status;

/** Generation, checking and the realm limits of temporary access passes, without a server. */
class TemporaryPassTest {

    private static final Pepper PEPPER = Pepper.derive("kid-1", new byte[32]);
    private static final long NOW = 1_800_000_000L;

    @Test
    void passesHaveAtLeastSixtyBitsFromAnAlphabetWithoutLookAlikes() {
        assertEquals(32, TemporaryPassSecret.ALPHABET.chars().distinct().count());
        for (char c : "01OI".toCharArray()) {
            assertEquals(-1, TemporaryPassSecret.ALPHABET.indexOf(c), "look-alike " + c);
        }
        int shortest = TemporaryPassSettings.from(Map.of("length", "1")).length();
        assertEquals(12, shortest);
        assertTrue(TemporaryPassSecret.bits(shortest) >= 60);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String pass = TemporaryPassSecret.generate(12);
            assertEquals(12, pass.length());
            assertTrue(pass.chars().allMatch(ch -> TemporaryPassSecret.ALPHABET.indexOf(ch) >= 0));
            assertTrue(seen.add(pass));
        }
    }

    @Test
    void typedPassesAreComparedWithoutDashesSpacesOrCase() {
        assertEquals("ABCD-EFGH-JKLM", TemporaryPassSecret.display("ABCDEFGHJKLM"));
        assertEquals("ABCDEFGHJKLM", TemporaryPassSecret.normalize(" abcd-efgh jklm "));
        assertNull(TemporaryPassSecret.normalize(" - "));
        assertNull(TemporaryPassSecret.normalize(null));
    }

    @Test
    void theRightPassWorksOnlyBetweenStartAndExpiryAndForItsUser() {
        TemporaryPassCredentialModel pass = TemporaryPassCredentialModel.create("user-1", "ABCDEFGHJKLM", PEPPER,
                new Data("admin", "a-1", NOW, NOW + 3600, true, 0));
        assertFalse(pass.getSecretData().contains("ABCDEFGHJKLM"), "stored hashed");
        assertFalse(pass.getCredentialData().contains("ABCDEFGHJKLM"));
        assertEquals(Result.VALID, pass.check("ABCDEFGHJKLM", "user-1", this::pepper, NOW));
        assertEquals(Result.WRONG, pass.check("ABCDEFGHJKLN", "user-1", this::pepper, NOW));
        assertEquals(Result.WRONG, pass.check("ABCDEFGHJKLM", "user-2", this::pepper, NOW), "bound to its user");
        assertEquals(Result.WRONG, pass.check(null, "user-1", this::pepper, NOW));
        assertEquals(Result.NOT_YET_VALID, pass.check("ABCDEFGHJKLM", "user-1", this::pepper, NOW - 1));
        assertEquals(Result.EXPIRED, pass.check("ABCDEFGHJKLM", "user-1", this::pepper, NOW + 3600));
        assertEquals(Result.NO_KEY, pass.check("ABCDEFGHJKLM", "user-1", kid -> Optional.empty(), NOW));
        // a wrong pass says nothing about the state of the right one
        assertEquals(Result.WRONG, pass.check("ABCDEFGHJKLN", "user-1", this::pepper, NOW + 7200));
    }

    @Test
    void aOneTimePassIsUsedUpByItsFirstUseAnotherOnlyRecordsIt() {
        TemporaryPassCredentialModel once = TemporaryPassCredentialModel.create("u", "ABCDEFGHJKLM", PEPPER,
                new Data(null, null, NOW, NOW + 600, true, 0));
        TemporaryPassCredentialModel used = once.usedAt(NOW + 5);
        assertEquals(Status.USED, used.status(NOW + 6));
        assertEquals(Result.USED, used.check("ABCDEFGHJKLM", "u", this::pepper, NOW + 6));
        TemporaryPassCredentialModel many = TemporaryPassCredentialModel.create("u", "ABCDEFGHJKLM", PEPPER,
                new Data(null, null, NOW, NOW + 600, false, 0)).usedAt(NOW + 5);
        assertEquals(Result.VALID, many.check("ABCDEFGHJKLM", "u", this::pepper, NOW + 6));
        assertEquals(NOW + 5, TemporaryPassCredentialModel.createFromCredentialModel(many).getData().usedAt());
    }

    @Test
    void twoPassesWithTheSameTextHashDifferently() {
        Data d = new Data(null, null, NOW, NOW + 600, true, 0);
        assertNotEquals(TemporaryPassCredentialModel.create("u", "ABCDEFGHJKLM", PEPPER, d).getSecretData(),
                TemporaryPassCredentialModel.create("u", "ABCDEFGHJKLM", PEPPER, d).getSecretData());
    }

    @Test
    void realmLimitsAreClampedSafely() {
        TemporaryPassSettings defaults = TemporaryPassSettings.from(Map.of());
        assertEquals(new TemporaryPassSettings(60, 480, true, 12), defaults);
        TemporaryPassSettings wild = TemporaryPassSettings.from(Map.of("default-lifetime-minutes", "100000",
                "max-lifetime-minutes", "1", "one-time-default", "nope", "length", "99"));
        assertEquals(new TemporaryPassSettings(10, 10, true, 32), wild, "max 10 minutes; default within it");
        TemporaryPassSettings month = TemporaryPassSettings.from(Map.of("max-lifetime-minutes", "43200",
                "default-lifetime-minutes", "abc", "one-time-default", "false"));
        assertEquals(new TemporaryPassSettings(60, 43200, false, 12), month);
    }

    @Test
    void anAdminMayAskForALifetimeWithinTheRealmsMaximumOnly() {
        TemporaryPassSettings settings = TemporaryPassSettings.from(Map.of("max-lifetime-minutes", "120"));
        assertEquals(60, settings.lifetime(null));
        assertEquals(120, settings.lifetime(120));
        assertEquals(10, settings.lifetime(10));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> settings.lifetime(121));
        assertTrue(tooLong.getMessage().contains("10 to 120"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings.lifetime(9));
    }

    @Test
    void startTimesAreNowOrLaterWithinThirtyDays() {
        assertEquals(NOW, TemporaryPassResource.startsAt(null, NOW));
        assertEquals(NOW, TemporaryPassResource.startsAt("2020-01-01T00:00:00Z", NOW), "the past means now");
        assertEquals(NOW + 3600, TemporaryPassResource.startsAt((NOW + 3600) * 1000, NOW));
        assertEquals(java.time.Instant.parse("2027-01-15T08:00:00Z").getEpochSecond(),
                TemporaryPassResource.startsAt("2027-01-15T08:00:00Z", NOW));
        assertThrows(IllegalArgumentException.class, () -> TemporaryPassResource.startsAt("tomorrow", NOW));
        assertThrows(IllegalArgumentException.class,
                () -> TemporaryPassResource.startsAt((NOW + 31L * 86400) * 1000, NOW));
    }

    private Optional<Pepper> pepper(String kid) {
        return PEPPER.kid().equals(kid) ? Optional.of(PEPPER) : Optional.empty();
    }
}
