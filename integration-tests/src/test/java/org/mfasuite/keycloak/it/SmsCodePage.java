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

    /** "Send a new code" under the code field, or the page's "Send code" button when no code is usable. */
    public void resend() {
        click(has("mfa-sms-resend") ? "mfa-sms-resend" : "mfa-sms-send");
    }

    /** Whether the send button can be pressed now (it waits, disabled, while a send would be refused). */
    public boolean canSend() {
        String id = has("mfa-sms-resend") ? "mfa-sms-resend" : "mfa-sms-send";
        return driver.findElement(By.id(id)).isEnabled();
    }

    public boolean hasSendButton() {
        return has("mfa-sms-resend") || has("mfa-sms-send");
    }

    /** The page before any code is sent, for users with other methods: "We will send ... to ...". */
    public String ready() {
        return driver.findElement(By.id("mfa-sms-ready")).getText();
    }

    @Override
    public void refresh() {
        super.refresh();
        assertCurrent();
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

    /** Whether the page offers "Don't ask again on this device for N days". */
    public boolean offersRememberDevice() {
        return has("mfa-remember-device");
    }

    /** The checkbox's label, e.g. "Don't ask again on this device for 30 days". */
    public String rememberDeviceLabel() {
        return driver.findElement(By.cssSelector("label[for=mfa-remember-device]")).getText().trim();
    }

    /** Enters the code with "Don't ask again on this device" ticked. */
    public void enterCodeAndRememberDevice(String code) {
        fill("code", code);
        click("mfa-remember-device");
        click("kc-login");
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
