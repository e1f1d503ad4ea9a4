package org.mfasuite.keycloak.it;

import org.keycloak.testframework.ui.page.AbstractLoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/** Both pages of phone registration: {@code mfa-phone-register.ftl} (number) and {@code mfa-phone-verify.ftl} (code). */
public class PhoneRegisterPage extends MfaPage {

    public PhoneRegisterPage(ManagedWebDriver driver) {
        super(driver);
    }

    @Override
    public String getExpectedPageId() {
        return "login-mfa-phone-register";
    }

    public void enterNumber(String number) {
        fill("phoneNumber", number);
        click("mfa-phone-send");
    }

    /** "Call me with a code": the code is read in a call instead of texted. */
    public void callNumber(String number) {
        fill("phoneNumber", number);
        click("mfa-phone-call");
    }

    /** Whether the number page offers "Call me with a code" next to "Text me a code". */
    public boolean offersCall() {
        return has("mfa-phone-call");
    }

    public String intro() {
        return driver.findElement(By.id("mfa-phone-register-intro")).getText();
    }

    /** "Call again" / "Send a new code" on the code page. */
    public void resend() {
        click("mfa-sms-resend");
    }

    public String resendLabel() {
        return driver.findElement(By.id("mfa-sms-resend")).getText();
    }

    public String typedNumber() {
        return driver.findElement(By.id("phoneNumber")).getAttribute("value");
    }

    public String numberError() {
        return fieldError("phoneNumber");
    }

    public void assertVerifyPage() {
        new VerifyPage(driver).assertCurrent();
    }

    public void enterCode(String code) {
        fill("code", code);
        click("mfa-phone-verify");
    }

    public String codeError() {
        return fieldError("code");
    }

    public String verifyIntro() {
        return driver.findElement(By.id("mfa-phone-verify-intro")).getText();
    }

    /** After the right code: the "Phone added" page, left with Continue. Returns what it said. */
    public String confirmAdded() {
        new AddedPage(driver).assertCurrent();
        String said = driver.findElement(By.id("mfa-phone-added")).getText();
        click("mfa-phone-continue");
        return said;
    }

    /** What the number page says instead of a number field when the user has the most phones allowed. */
    public String fullMessage() {
        return driver.findElement(By.id("mfa-phone-full")).getText();
    }

    /** At the phone limit during sign-in: go on without adding a phone. */
    public void continueWithoutAdding() {
        click("mfa-phone-continue");
    }

    public boolean hasSendButton() {
        return has("mfa-phone-send");
    }

    public boolean canSend() {
        return driver.findElement(By.id("mfa-phone-send")).isEnabled();
    }

    public void changeNumber() {
        click("mfa-phone-change-number");
    }

    public void cancel() {
        click("mfa-phone-cancel");
    }

    /** The page after a phone was added. */
    static final class AddedPage extends AbstractLoginPage {
        AddedPage(ManagedWebDriver driver) {
            super(driver);
        }

        @Override
        public String getExpectedPageId() {
            return "login-mfa-phone-added";
        }
    }

    /** The code page of registration. */
    static final class VerifyPage extends AbstractLoginPage {
        VerifyPage(ManagedWebDriver driver) {
            super(driver);
        }

        @Override
        public String getExpectedPageId() {
            return "login-mfa-phone-verify";
        }
    }
}
