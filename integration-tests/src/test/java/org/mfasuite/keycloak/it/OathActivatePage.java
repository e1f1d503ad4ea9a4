package org.mfasuite.keycloak.it;

import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/** Activation of an imported hardware token: {@code mfa-oath-activate.ftl}. */
public class OathActivatePage extends MfaPage {

    public OathActivatePage(ManagedWebDriver driver) {
        super(driver);
    }

    @Override
    public String getExpectedPageId() {
        return "login-mfa-oath-activate";
    }

    public String intro() {
        return driver.findElement(By.id("mfa-oath-activate-intro")).getText();
    }

    public void enter(String code) {
        fill("mfaCode", code);
        click("mfa-oath-activate");
    }

    public String codeError() {
        return fieldError("mfaCode");
    }
}
