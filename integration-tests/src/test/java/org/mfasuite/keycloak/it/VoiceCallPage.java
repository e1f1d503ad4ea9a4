package org.mfasuite.keycloak.it;

import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/** The {@code mfa-voice.ftl} page: the code read in a call, call again, other phones, "Text me instead". */
public class VoiceCallPage extends MfaPage {

    public VoiceCallPage(ManagedWebDriver driver) {
        super(driver);
    }

    @Override
    public String getExpectedPageId() {
        return "login-mfa-voice";
    }

    public void enterCode(String code) {
        fill("code", code);
        click("kc-login");
    }

    /** "Call again with a new code", or the page's "Call me" when no code is usable. */
    public void callAgain() {
        click(has("mfa-voice-resend") ? "mfa-voice-resend" : "mfa-voice-send");
    }

    public String sentTo() {
        return driver.findElement(By.id("mfa-voice-sent-to")).getText();
    }

    public String codeError() {
        return fieldError("code");
    }

    /** Whether the page offers "Text me instead". */
    public boolean offersSwitch() {
        return has("mfa-switch-way");
    }
}
