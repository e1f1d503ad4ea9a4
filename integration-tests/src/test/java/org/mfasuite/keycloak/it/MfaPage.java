package org.mfasuite.keycloak.it;

import java.util.List;

import org.keycloak.testframework.ui.page.AbstractLoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** What the suite's pages have in common: fields with their error line, a global alert, buttons by id. */
abstract class MfaPage extends AbstractLoginPage {

    MfaPage(ManagedWebDriver driver) {
        super(driver);
    }

    void fill(String field, String value) {
        WebElement input = driver.findElement(By.id(field));
        input.clear();
        input.sendKeys(value);
    }

    void click(String id) {
        driver.findElement(By.id(id)).click();
    }

    boolean has(String id) {
        return !driver.driver().findElements(By.id(id)).isEmpty();
    }

    /** The error shown under a field, or "". */
    String fieldError(String field) {
        List<WebElement> errors = driver.driver().findElements(By.id("input-error-" + field));
        return errors.isEmpty() ? "" : errors.get(0).getText();
    }

    /** The page's title: one per page, whatever state it is in. */
    public String title() {
        return driver.findElement(By.id("kc-page-title")).getText().trim();
    }

    /** Reloads the page, as a user does after a wait when JavaScript is off. */
    public void refresh() {
        driver.driver().navigate().refresh();
    }

    /** The page's global alert (error or info), or "" when there is none. */
    public String alert() {
        List<WebElement> alerts = driver.driver().findElements(By.cssSelector(".pf-v5-c-alert__title, .alert"));
        return alerts.isEmpty() ? "" : alerts.get(0).getText();
    }
}
