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

    /** Whether the page's "Sign in another way" lists other methods. */
    public boolean hasTryAnotherWay() {
        return has("mfa-other-ways-form");
    }

    /** The other methods "Sign in another way" lists, by their names. */
    public java.util.List<String> otherWays() {
        return driver.driver().findElements(By.cssSelector("#mfa-other-ways-form button")).stream()
                .map(b -> b.getText().trim()).toList();
    }

    /** Picks another method by its name in "Sign in another way". */
    public void signInAnotherWay(String name) {
        driver.driver().findElements(By.cssSelector("#mfa-other-ways-form button")).stream()
                .filter(b -> b.getText().trim().equals(name)).findFirst().orElseThrow().click();
    }

    /** What the page says when the user has no other method, or "". */
    public String noOtherWay() {
        return has("mfa-other-ways-none") ? driver.findElement(By.id("mfa-other-ways")).getText() : "";
    }

    /** Whether the page offers the same phone by the other channel ("Call me instead"). */
    public boolean offersSwitch() {
        return has("mfa-switch-way");
    }

    /** "Call me instead": to the call step, which calls at once. */
    public void callInstead() {
        click("mfa-switch-way");
    }
}
