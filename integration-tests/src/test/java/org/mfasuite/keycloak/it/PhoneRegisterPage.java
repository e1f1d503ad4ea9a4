package org.mfasuite.keycloak.it;

import java.util.List;

import org.keycloak.testframework.ui.page.AbstractLoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Both pages of phone registration: {@code mfa-phone-register.ftl} (number) and {@code mfa-phone-verify.ftl} (code). */
public class PhoneRegisterPage extends AbstractLoginPage {

    public PhoneRegisterPage(ManagedWebDriver driver) {
        super(driver);
    }

    @Override
    public String getExpectedPageId() {
        return "login-mfa-phone-register";
    }

    public void enterNumber(String number) {
        WebElement field = driver.findElement(By.id("phoneNumber"));
        field.clear();
        field.sendKeys(number);
        driver.findElement(By.id("mfa-phone-send")).click();
    }

    public String numberError() {
        List<WebElement> errors = driver.driver().findElements(By.id("input-error-phoneNumber"));
        return errors.isEmpty() ? "" : errors.get(0).getText();
    }

    public void assertVerifyPage() {
        new VerifyPage(driver).assertCurrent();
    }

    public void enterCode(String code) {
        WebElement field = driver.findElement(By.id("code"));
        field.clear();
        field.sendKeys(code);
        driver.findElement(By.id("mfa-phone-verify")).click();
    }

    public String codeError() {
        List<WebElement> errors = driver.driver().findElements(By.id("input-error-code"));
        return errors.isEmpty() ? "" : errors.get(0).getText();
    }

    public String verifyIntro() {
        return driver.findElement(By.id("mfa-phone-verify-intro")).getText();
    }

    public void changeNumber() {
        driver.findElement(By.id("mfa-phone-change-number")).click();
    }

    public void cancel() {
        driver.findElement(By.id("mfa-phone-cancel")).click();
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
