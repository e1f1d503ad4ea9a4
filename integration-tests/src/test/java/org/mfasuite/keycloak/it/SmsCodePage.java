package org.mfasuite.keycloak.it;

import java.util.List;

import org.keycloak.testframework.ui.page.AbstractLoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The {@code mfa-sms.ftl} page: code field, resend, other phones. */
public class SmsCodePage extends AbstractLoginPage {

    public SmsCodePage(ManagedWebDriver driver) {
        super(driver);
    }

    @Override
    public String getExpectedPageId() {
        return "login-mfa-sms";
    }

    public void enterCode(String code) {
        WebElement field = driver.findElement(By.id("code"));
        field.clear();
        field.sendKeys(code);
        driver.findElement(By.id("kc-login")).click();
    }

    public void resend() {
        driver.findElement(By.id("mfa-sms-resend")).click();
    }

    public void sendToPhone(int index) {
        driver.findElement(By.id("mfa-sms-phone-" + index)).click();
    }

    public boolean hasCodeField() {
        return !driver.driver().findElements(By.id("code")).isEmpty();
    }

    public String sentTo() {
        return driver.findElement(By.id("mfa-sms-sent-to")).getText();
    }

    public String codeError() {
        List<WebElement> errors = driver.driver().findElements(By.id("input-error-code"));
        return errors.isEmpty() ? "" : errors.get(0).getText();
    }

    /** The page's global alert (error or info), or "" when there is none. */
    public String alert() {
        List<WebElement> alerts = driver.driver().findElements(By.cssSelector(".pf-v5-c-alert__title, .alert"));
        return alerts.isEmpty() ? "" : alerts.get(0).getText();
    }

    public boolean hasTryAnotherWay() {
        return !driver.driver().findElements(By.id("try-another-way")).isEmpty();
    }

    public void tryAnotherWay() {
        driver.findElement(By.id("kc-select-try-another-way-form")).submit();
    }
}
