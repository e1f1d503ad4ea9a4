package org.mfasuite.keycloak.it;

import org.junit.jupiter.api.BeforeEach;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;

/**
 * What every test of the suite starts from: the demo realm imported as shipped, a browser, an OAuth
 * client, and the sign-in page objects. Subclasses carry {@code @KeycloakIntegrationTest}.
 */
abstract class DemoRealmTest {

    @InjectRealm(fromJson = "/demo-realm.json")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver driver;

    @InjectPage
    LoginPage loginPage;

    @InjectPage
    SmsCodePage smsPage;

    /**
     * Signs every user out and lets a test type codes faster than a person: Keycloak's quick-login check
     * (two failures within a second lock the user for a minute) would otherwise trip on the test itself.
     */
    @BeforeEach
    void freshStart() {
        realm.admin().logoutAll();
        // the demo users are shared by all test classes: one class's wrong codes must not lock them for the next
        realm.admin().attackDetection().clearAllBruteForce();
        realm.updateWithCleanup(r -> {
            r.build().setQuickLoginCheckMilliSeconds(0L);
            return r;
        });
        // Every test signs in from 127.0.0.1: the shipped per-address budget would count the whole suite.
        SmsStepConfig.setRealmRules(realm, java.util.Map.of("ip-hourly-limit", "100000"));
    }

    /** Opens the client's sign-in and submits username and password. */
    void submitPassword(String username, String password) {
        oauth.openLoginForm();
        loginPage.fillLogin(username, password);
        loginPage.submit();
    }
}
