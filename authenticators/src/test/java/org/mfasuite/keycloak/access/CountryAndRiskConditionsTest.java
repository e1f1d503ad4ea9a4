package org.mfasuite.keycloak.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mfasuite.keycloak.access.PolicyConditionsTest.ALICE;
import static org.mfasuite.keycloak.access.PolicyConditionsTest.policy;
import static org.mfasuite.keycloak.access.PolicyConditionsTest.unmet;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.core.Grant;
import org.mfasuite.keycloak.core.RiskLevel;

/** The keys countries, excluded-countries, sign-in-risk and user-risk: matching, checks, failing closed. */
class CountryAndRiskConditionsTest {

    private static SignInFacts in(String country) {
        return ALICE.withCountry(country);
    }

    @Test
    void countriesCoverOnlyThoseCountriesAndNeverAnUnknownOne() {
        AccessPolicy nordic = policy("nordic", "grant", "mfa", "countries", "se##no, dk");
        assertNull(unmet(nordic, in("SE")));
        assertNull(unmet(nordic, in("dk")), "codes compare without case");
        assertEquals(Condition.COUNTRY, unmet(nordic, in("DE")));
        assertEquals(Condition.COUNTRY, unmet(nordic, in(null)), "an unknown country is in no list");
    }

    @Test
    void excludedCountriesNeverExcludeAnUnknownCountry() {
        AccessPolicy outsideSweden = policy("outside SE", "grant", "block", "excluded-countries", "SE");
        assertEquals(Condition.COUNTRY, unmet(outsideSweden, in("SE")));
        assertNull(unmet(outsideSweden, in("US")));
        assertNull(unmet(outsideSweden, in(null)), "block outside SE also blocks an address no database can place");
    }

    @Test
    void riskThresholdsCoverThatLevelAndAbove() {
        AccessPolicy medium = policy("risky", "grant", "mfa", "sign-in-risk", "medium");
        assertEquals(Condition.SIGN_IN_RISK, unmet(medium, ALICE));
        assertEquals(Condition.SIGN_IN_RISK, unmet(medium, ALICE.withRisk(RiskLevel.LOW, RiskLevel.NONE)));
        assertNull(unmet(medium, ALICE.withRisk(RiskLevel.MEDIUM, RiskLevel.NONE)));
        assertNull(unmet(medium, ALICE.withRisk(RiskLevel.HIGH, RiskLevel.NONE)));

        AccessPolicy user = policy("risky users", "grant", "mfa", "user-risk", "HIGH");
        assertEquals(Condition.USER_RISK, unmet(user, ALICE.withRisk(RiskLevel.HIGH, RiskLevel.MEDIUM)));
        assertNull(unmet(user, ALICE.withRisk(RiskLevel.NONE, RiskLevel.HIGH)));
    }

    @Test
    void withoutTheKeysEverySignInIsCoveredAsBefore() {
        AccessPolicy plain = policy("plain", "grant", "mfa");
        assertNull(unmet(plain, in(null)));
        assertNull(unmet(plain, in("BR").withRisk(RiskLevel.HIGH, RiskLevel.HIGH)));
        assertTrue(plain.problems().isEmpty());
        assertTrue(!plain.conditions().namesCountries());
    }

    @Test
    void unreadableValuesAreProblemsNamingTheFieldAndTheyFailClosed() {
        AccessPolicy broken = policy("broken", "grant", "allow", "countries", "SE##Sweden",
                "excluded-countries", "NO##xx", "sign-in-risk", "severe", "user-risk", "none");
        assertEquals(List.of(
                "Countries (countries): 'Sweden' is not a two-letter ISO 3166 country code such as SE or DE",
                "Excluded countries (excluded-countries): 'xx' is not a two-letter ISO 3166 country code such as SE or DE",
                "Sign-in risk (sign-in-risk) must be low, medium or high, not 'severe'",
                "User risk (user-risk) must be low, medium or high, not 'none'"), broken.problems());
        assertEquals(Grant.BLOCK, broken.demand());
        assertEquals(Set.of(), broken.conditions().countries(), "widened to anywhere");
        assertEquals(Set.of("NO"), broken.conditions().excludedCountries(), "the readable exclusion still holds");
        assertEquals(RiskLevel.NONE, broken.conditions().signInRisk(), "widened to every sign-in");
        assertNull(unmet(broken, in("DE")));
        assertEquals(Condition.COUNTRY, unmet(broken, in("NO")));
        assertEquals(List.of("bad-country", "bad-country", "bad-risk", "bad-risk"),
                broken.findings().stream().map(PolicyProblem::code).toList());
    }

    @Test
    void kosovoAsGeoDatabasesWriteIt() {
        assertTrue(policy("xk", "grant", "mfa", "countries", "XK").problems().isEmpty());
    }
}
