package org.mfasuite.keycloak.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MethodCatalogTest {

    static final MethodOption PHONE = option("mfa-phone", "mfa-phone-register", false);
    static final MethodOption OTP = option("otp", "CONFIGURE_TOTP", false);
    static final MethodOption KEY = option("webauthn", "webauthn-register", true);
    static final MethodOption CODES = option("recovery-authn-codes", "CONFIGURE_RECOVERY_AUTHN_CODES", false);
    static final MethodOption PUSH = option("mfa-push-device", "mfa-push-enrol", false);
    static final Map<String, MethodOption> INSTALLED = Map.of("mfa-phone", PHONE, "otp", OTP, "webauthn", KEY,
            "recovery-authn-codes", CODES, "mfa-push-device", PUSH);
    static final Set<String> ALL_ACTIONS = Set.of("mfa-phone-register", "CONFIGURE_TOTP", "webauthn-register",
            "CONFIGURE_RECOVERY_AUTHN_CODES", "mfa-push-enrol");

    static MethodOption option(String type, String action, boolean phishingResistant) {
        return new MethodOption(type, action, type + "-display-name", type + "-help-text", "icon", phishingResistant);
    }

    @Test
    void offersWhatTheFlowChecksOnceInTheSuitesOrderAndLaterMethodsAfter() {
        List<MethodOption> offered = MethodCatalog.offered(
                List.of("password", "webauthn", "mfa-push-device", "mfa-phone", "otp", "webauthn"), INSTALLED, ALL_ACTIONS);
        assertEquals(List.of(PHONE, OTP, KEY, PUSH), offered);
    }

    @Test
    void aMethodOutOfTheFlowOrWithItsSetUpDisabledIsNotOffered() {
        assertEquals(List.of(OTP), MethodCatalog.offered(List.of("otp", "recovery-authn-codes"), INSTALLED,
                Set.of("CONFIGURE_TOTP")));
        assertEquals(List.of(), MethodCatalog.offered(List.of("password", "unknown"), INSTALLED, ALL_ACTIONS));
    }

    @Test
    void thePromptListsWhatTheUserHasNotSetUpAndOnlyPhishingResistantWhenRequired() {
        List<MethodOption> offered = List.of(PHONE, OTP, KEY);
        assertEquals(List.of(OTP, KEY), MethodCatalog.toRegister(offered, Set.of("mfa-phone"), false));
        assertEquals(List.of(KEY), MethodCatalog.toRegister(offered, Set.of(), true));
        assertEquals(List.of(), MethodCatalog.toRegister(offered, Set.of("webauthn"), true));
    }

    @Test
    void allWithdrawnOnlyWhenTheUserHasMethodsAndNoneIsOffered() {
        List<MethodOption> offered = List.of(OTP);
        assertTrue(MethodCatalog.allWithdrawn(offered, Set.of("mfa-phone")));
        assertFalse(MethodCatalog.allWithdrawn(offered, Set.of("mfa-phone", "otp")));
        assertFalse(MethodCatalog.allWithdrawn(offered, Set.of()));
        assertTrue(MethodCatalog.hasOffered(offered, Set.of("otp")));
    }
}
