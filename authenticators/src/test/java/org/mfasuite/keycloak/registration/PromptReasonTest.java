package org.mfasuite.keycloak.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PromptReasonTest {

    private final RegisterSettings settings = RegisterSettings.from(Map.of("campaign-groups", "/pilot", "max-snoozes", "1"));

    @Test
    void requiredWinsAndCannotBeSkipped() {
        PromptReason r = PromptReason.of(true, true, false, true, Snooze.NONE, settings);
        assertEquals(PromptReason.REQUIRED, r);
        assertTrue(r.mandatory());
    }

    @Test
    void withdrawnMethodsForceARegistration() {
        assertEquals(PromptReason.WITHDRAWN, PromptReason.of(false, false, true, false, Snooze.NONE, settings));
        assertTrue(PromptReason.WITHDRAWN.mandatory());
    }

    @Test
    void aCampaignAsksUsersWithoutAnOfferedMethodWithNotNowUntilTheSnoozesAreUsed() {
        assertEquals(PromptReason.CAMPAIGN, PromptReason.of(false, false, false, true, Snooze.NONE, settings));
        assertFalse(PromptReason.CAMPAIGN.mandatory());
        assertEquals(PromptReason.CAMPAIGN_FINAL, PromptReason.of(false, false, false, true, new Snooze(1, 0), settings));
        assertTrue(PromptReason.CAMPAIGN_FINAL.mandatory());
        assertEquals(PromptReason.NONE, PromptReason.of(false, true, false, true, Snooze.NONE, settings),
                "a user who has a method is done with the campaign");
        assertEquals(PromptReason.NONE, PromptReason.of(false, false, false, false, Snooze.NONE, settings));
    }
}
