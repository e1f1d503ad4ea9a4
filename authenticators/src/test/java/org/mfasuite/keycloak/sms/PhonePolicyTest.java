package org.mfasuite.keycloak.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PhonePolicyTest {

    @Test
    void withoutSettingsEveryCountryIsAllowed() {
        PhonePolicy policy = PhonePolicy.from(Map.of());
        assertTrue(policy.allows("+46701234567"));
        assertTrue(policy.allows("+4915123456789"));
        assertEquals(5, policy.maxPhones());
    }

    @Test
    void aDefaultRegionAloneAllowsOnlyItsCountry() {
        PhonePolicy policy = PhonePolicy.from(Map.of(PhonePolicy.DEFAULT_REGION, "se"));
        assertEquals("SE", policy.defaultRegion());
        assertTrue(policy.allows("+46701234567"));
        assertFalse(policy.allows("+4915123456789"), "German numbers need to be allowed explicitly");
    }

    @Test
    void allowedRegionsAreReadAsTheAdminConsoleStoresThemAndAsTyped() {
        assertEquals(Set.of("SE", "DE", "NL"), PhonePolicy.from(Map.of(PhonePolicy.ALLOWED_REGIONS, "SE##DE##NL")).allowedRegions());
        assertEquals(Set.of("SE", "DE"), PhonePolicy.from(Map.of(PhonePolicy.ALLOWED_REGIONS, "se, de")).allowedRegions());
        PhonePolicy both = PhonePolicy.from(Map.of(PhonePolicy.DEFAULT_REGION, "SE", PhonePolicy.ALLOWED_REGIONS, "DE"));
        assertFalse(both.allows("+46701234567"), "an explicit list is the whole list");
    }

    @Test
    void theAllowedCountriesAreNamedInTheUsersLanguageForTheRefusal() {
        PhonePolicy policy = PhonePolicy.from(Map.of(PhonePolicy.ALLOWED_REGIONS, "SE##DE##NL"));
        assertEquals("Germany, Netherlands, Sweden", policy.allowedCountries(java.util.Locale.ENGLISH));
        assertEquals("Nederländerna, Sverige, Tyskland", policy.allowedCountries(java.util.Locale.forLanguageTag("sv")));
        assertEquals("Sweden", PhonePolicy.from(Map.of(PhonePolicy.DEFAULT_REGION, "SE")).allowedCountries(java.util.Locale.ENGLISH));
        assertEquals("", PhonePolicy.from(Map.of()).allowedCountries(java.util.Locale.ENGLISH), "every country: none to name");
    }

    @Test
    void anUnknownRegionAllowsNothingRatherThanEverything() {
        PhonePolicy policy = PhonePolicy.from(Map.of(PhonePolicy.ALLOWED_REGIONS, "Sweden"));
        assertFalse(policy.allows("+46701234567"));
        assertEquals(List.of("Allowed regions (allowed-regions) must be two-letter country codes; 'Sweden' is none"),
                PhonePolicy.problems(Map.of(PhonePolicy.ALLOWED_REGIONS, "Sweden")));
    }

    @Test
    void problemsNameTheFieldAndWhatItTakes() {
        assertEquals(List.of("Codes per user (send-limit) must be a whole number from 1 to 50",
                        "Phones per user (max-phones) must be a whole number from 1 to 20",
                        "Default region (default-region) must be a two-letter country code such as SE, not 'Sweden'"),
                PhonePolicy.problems(Map.of("send-limit", "500", "max-phones", "0", PhonePolicy.DEFAULT_REGION, "Sweden")));
        assertTrue(PhonePolicy.problems(Map.of(PhonePolicy.DEFAULT_REGION, "none")).isEmpty());
    }

    @Test
    void theAdminConsoleOffersRegionsAsLists() {
        var properties = PhonePolicy.configProperties();
        var region = properties.stream().filter(p -> p.getName().equals(PhonePolicy.DEFAULT_REGION)).findFirst().orElseThrow();
        assertEquals("List", region.getType());
        assertEquals("none", region.getOptions().get(0));
        assertTrue(region.getOptions().contains("SE"));
        assertTrue(properties.stream().allMatch(p -> p.getHelpText().contains("Realm-wide") || p.getHelpText().contains("Registration")),
                "each help text says where it applies");
    }
}
