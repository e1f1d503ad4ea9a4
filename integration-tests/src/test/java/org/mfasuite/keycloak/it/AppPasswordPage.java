package org.mfasuite.keycloak.it;

import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** App-password creation: {@code mfa-app-password-create.ftl}, then {@code mfa-app-password-created.ftl} (shown once). */
public class AppPasswordPage extends MfaPage {

    public AppPasswordPage(ManagedWebDriver driver) {
        super(driver);
    }

    @Override
    public String getExpectedPageId() {
        return "login-mfa-app-password-create";
    }

    /** Fills the form; {@code client} and {@code expiryDays} null keep the page's defaults. */
    public void create(String name, String client, Integer expiryDays) {
        fill("mfaName", name);
        if (client != null) {
            new Select(driver.findElement(By.id("mfaClient"))).selectByValue(client);
        }
        if (expiryDays != null) {
            new Select(driver.findElement(By.id("mfaExpiry"))).selectByValue(String.valueOf(expiryDays));
        }
        click("mfa-app-password-create");
    }

    public String nameError() {
        return fieldError("mfaName");
    }

    /** On the "shown once" page: the app password as shown (groups of four). */
    public String shownPassword() {
        new CreatedPage(driver).assertCurrent();
        return driver.findElement(By.id("mfa-app-password-value")).getText().trim();
    }

    public String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    public void done() {
        click("mfa-app-password-done");
    }

    public void cancel() {
        click("mfa-app-password-cancel");
    }

    static final class CreatedPage extends MfaPage {
        CreatedPage(ManagedWebDriver driver) {
            super(driver);
        }

        @Override
        public String getExpectedPageId() {
            return "login-mfa-app-password-created";
        }
    }
}
