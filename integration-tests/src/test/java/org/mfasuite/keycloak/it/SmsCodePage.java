package org.mfasuite.keycloak.it;

import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/** The {@code mfa-sms.ftl} page: code field, resend, other phones. */
public class SmsCodePage extends MfaPage {

    public SmsCodePage(ManagedWebDriver driver) {
        super(driver);
    }

    @Override
    public String getExpectedPageId() {
        return "login-mfa-sms";
    }

    public void enterCode(String code) {
        fill("code", code);
        click("kc-login");
    }

    public void resend() {
        click("mfa-sms-resend");
    }

    public void sendToPhone(int index) {
        click("mfa-sms-phone-" + index);
    }

    public boolean hasCodeField() {
        return has("code");
    }

    public String sentTo() {
        return driver.findElement(By.id("mfa-sms-sent-to")).getText();
    }

    public String codeError() {
        return fieldError("code");
    }

    public boolean hasTryAnotherWay() {
        return has("try-another-way");
    }

    public void tryAnotherWay() {
        driver.findElement(By.id("kc-select-try-another-way-form")).submit();
    }
}
