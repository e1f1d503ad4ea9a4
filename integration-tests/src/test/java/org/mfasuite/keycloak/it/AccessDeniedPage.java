package org.mfasuite.keycloak.it;

import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/** The conditional-access refusal page {@code mfa-access-denied.ftl} with its "Details for your helpdesk" box. */
public class AccessDeniedPage extends MfaPage {

    public AccessDeniedPage(ManagedWebDriver driver) {
        super(driver);
    }

    @Override
    public String getExpectedPageId() {
        return "login-mfa-access-denied";
    }

    public String reason() {
        return driver.findElement(By.id("mfa-access-reason")).getText();
    }

    public String helpdesk() {
        return driver.findElement(By.id("mfa-helpdesk")).getText();
    }

    /** One row of the support box: time, reference, realm, client, username, policy, error; "" when absent. */
    public String detail(String row) {
        return has("mfa-support-" + row) ? driver.findElement(By.id("mfa-support-" + row)).getText().trim() : "";
    }

    /** What the copy button copies. */
    public String copiedText() {
        return driver.findElement(By.id("mfa-support-text")).getAttribute("value");
    }
}
