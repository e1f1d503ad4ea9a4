package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RequiredActionConfigRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.ui.annotations.InjectPage;

/**
 * The realm-wide budgets that stop SMS pumping, and the admin's settings that guard them. Each test moves
 * Keycloak's clock to an hour of its own, so the hourly budgets start empty.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class TollFraudTest extends DemoRealmTest {

    @InjectTimeOffSet
    TimeOffSet clock;

    @InjectPage
    PhoneRegisterPage registerPage;

    @Test
    public void aNumberGetsNoMoreThanItsHourlyBudgetWhicheverAccountAsks() {
        SmsStepConfig.setRealmRules(realm, Map.of("number-hourly-limit", "2"));
        clock.set(startOfHour(2));
        String shared = DemoUsers.uniquePhone();
        for (int i = 0; i < 2; i++) {
            signIn(newUser(shared));
        }
        String third = newUser(shared);
        signIn(third);

        assertEquals(2, Outbox.countTo(shared));
        assertTrue(smsPage.alert().contains("Too many codes were sent to this number"), smsPage.alert());
        assertFalse(smsPage.canSend(), "waits for the next hour instead of failing");
        assertEquals("mfa_number_limit", lastSendError(third).getError());

        clock.set(startOfHour(3));
        signIn(newUser(shared));
        assertEquals(3, Outbox.countTo(shared), "a new hour, a new budget");
    }

    @Test
    public void oneClientAddressCannotPumpManyAccounts() {
        String refused = thirdUsersSendWithBudget("ip-hourly-limit", 4);
        assertTrue(smsPage.alert().contains("from your network"), smsPage.alert());
        assertEquals("mfa_ip_limit", lastSendError(refused).getError());
    }

    @Test
    public void theRealmBudgetStopsSmsAndTellsUsersWhomToContact() {
        String refused = thirdUsersSendWithBudget("realm-hourly-limit", 5);
        assertTrue(smsPage.alert().contains("cannot be sent right now"), smsPage.alert());
        assertFalse(smsPage.hasSendButton(), "no button that must fail");
        assertTrue(driver.driver().getPageSource().contains("helpdesk@example.org"), "the demo's helpdesk is named");
        assertEquals("mfa_realm_limit", lastSendError(refused).getError());
    }

    @Test
    public void withoutBruteForceProtectionWrongCodesStopAtAHundredADay() {
        realm.updateWithCleanup(r -> r.bruteForceProtected(false));
        // sends are not what this test is about: let codes come as fast as the test asks
        SmsStepConfig.setRealmRules(realm, Map.of("send-limit", "50", "resend-delay", "0", "number-hourly-limit", "1000"));
        clock.set(startOfHour(6));
        String phone = DemoUsers.uniquePhone();
        signIn(newUser(phone));
        int wrong = 0;
        while (wrong < 100) {
            String code = Outbox.lastCodeTo(phone);
            for (int i = 0; i < 3 && wrong < 100; i++, wrong++) {
                smsPage.enterCode(SmsSignInTest.wrong(code));
            }
            smsPage.resend();
        }
        smsPage.enterCode(Outbox.lastCodeTo(phone));

        assertTrue(smsPage.codeError().contains("not right"), "the 101st check is not made, even for the right code: "
                + smsPage.codeError());
        assertFalse(driver.getCurrentUrl().contains("code="), "not signed in");
    }

    /** With a budget of 2 in a fresh hour, three users with their own phones sign in; returns the third, refused. */
    private String thirdUsersSendWithBudget(String budget, int hour) {
        SmsStepConfig.setRealmRules(realm, Map.of(budget, "2"));
        clock.set(startOfHour(hour));
        signIn(newUser(DemoUsers.uniquePhone()));
        signIn(newUser(DemoUsers.uniquePhone()));
        String phone = DemoUsers.uniquePhone();
        String third = newUser(phone);
        signIn(third);
        assertEquals(0, Outbox.countTo(phone), "the third code was not sent");
        return third;
    }

    @Test
    public void onlyAllowedCountriesGetCodes() {
        // the demo's default region SE is its only allowed region
        String german = "+4915123456789";
        int before = Outbox.countTo(german);
        String user = newUser(german);
        signIn(user);
        assertEquals(before, Outbox.countTo(german));
        assertTrue(smsPage.alert().contains("cannot be sent to phone numbers in that country"), smsPage.alert());
        assertEquals("mfa_region_not_allowed", lastSendError(user).getError());

        String registering = DemoUsers.uniqueName("de");
        DemoUsers.create(realm, registering, List.of("mfa-phone-register"), false);
        submitPassword(registering, DemoUsers.PASSWORD);
        registerPage.assertCurrent();
        registerPage.enterNumber("+49 151 23456789");
        assertTrue(registerPage.numberError().contains("Numbers in that country cannot be used here"), registerPage.numberError());

        SmsStepConfig.setRealmRules(realm, Map.of("allowed-regions", "SE##DE"));
        registerPage.enterNumber("+49 151 23456789");
        registerPage.assertVerifyPage();
        assertEquals(before + 1, Outbox.countTo(german), "allowed now");
    }

    @Test
    public void badRealmRulesAreRefusedWithTheFieldAndItsRangeNamed() {
        RequiredActionConfigRepresentation config = realm.admin().flows().getRequiredActionConfig("mfa-phone-register");
        config.setConfig(Map.of("default-region", "Sweden", "send-limit", "500"));
        BadRequestException refused = org.junit.jupiter.api.Assertions.assertThrows(BadRequestException.class,
                () -> realm.admin().flows().updateRequiredActionConfig("mfa-phone-register", config));
        String body = refused.getResponse().readEntity(String.class);
        assertTrue(body.contains("send-limit") && body.contains("from 1 to 50"), body);
        assertTrue(body.contains("default-region") && body.contains("two-letter country code"), body);
    }

    @Test
    public void aGatewayRemovedAfterSetUpFailsLoudlyNotSilently() {
        SmsStepConfig.set(realm, Map.of("gateway", "twilo"));
        String phone = DemoUsers.uniquePhone();
        String user = newUser(phone);
        signIn(user);

        assertEquals(0, Outbox.countTo(phone));
        assertTrue(smsPage.alert().contains("could not send"), smsPage.alert());
        assertTrue(driver.driver().getPageSource().contains("helpdesk@example.org"));
        EventRepresentation failed = lastSendError(user);
        assertEquals("mfa_gateway_failed", failed.getError());
        assertEquals("unknown_gateway", failed.getDetails().get("reason"));
        assertEquals("twilo", failed.getDetails().get("mfa_gateway"));
    }

    @Test
    public void theStepOffersInstalledGatewaysAndRegionsAsLists() {
        var description = realm.admin().flows().getAuthenticatorConfigDescription("mfa-sms");
        var gateway = description.getProperties().stream().filter(p -> p.getName().equals("gateway")).findFirst().orElseThrow();
        assertEquals("List", gateway.getType());
        assertTrue(gateway.getOptions().containsAll(List.of("default", "dev", "http", "twilio")), gateway.getOptions().toString());
        assertTrue(gateway.getHelpText().contains("Sign-in"), gateway.getHelpText());
        var registration = realm.admin().flows().getRequiredActionConfigDescription("mfa-phone-register");
        var region = registration.getProperties().stream().filter(p -> p.getName().equals("default-region")).findFirst().orElseThrow();
        assertTrue(region.getOptions().contains("SE"));
        assertNotNull(realm.admin().flows().getRequiredActionConfig("mfa-phone-register").getConfig().get("default-region"),
                "the demo realm's rules were imported");
    }

    /**
     * A clock offset at the start of the n-th clock hour from now: an hour no other test sent in (they move
     * the clock by minutes), so the hourly budgets start empty. Hours, not days: sessions must stay valid.
     */
    private static int startOfHour(int n) {
        long now = System.currentTimeMillis() / 1000;
        return (int) (3600 - now % 3600 + (n - 1) * 3600L + 5);
    }

    private void signIn(String username) {
        realm.admin().logoutAll();
        driver.driver().manage().deleteAllCookies();
        submitPassword(username, DemoUsers.PASSWORD);
        smsPage.assertCurrent();
    }

    private String newUser(String phone) {
        return DemoUsers.withPhone(realm, "fraud", phone);
    }

    private EventRepresentation lastSendError(String username) {
        String userId = realm.admin().users().search(username, true).get(0).getId();
        List<EventRepresentation> events = realm.admin().getEvents(List.of("CUSTOM_REQUIRED_ACTION_ERROR"), null, userId,
                null, null, null, 0, 1);
        assertFalse(events.isEmpty(), "no refused send recorded for " + username);
        return events.get(0);
    }
}
