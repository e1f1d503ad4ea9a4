package org.mfasuite.keycloak.it;

import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;

/** Keycloak's own OTP form ({@code login-otp.ftl}), as an imported hardware token is checked by it. */
public class OtpFormPage extends MfaPage {

    public OtpFormPage(ManagedWebDriver driver) {
        super(driver);
    }

    @Override
    public String getExpectedPageId() {
        return "login-login-otp";
    }

    public void enter(String code) {
        fill("otp", code);
        click("kc-login");
    }
}
