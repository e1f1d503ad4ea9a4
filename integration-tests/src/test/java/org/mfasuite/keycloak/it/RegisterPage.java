package org.mfasuite.keycloak.it;

import java.util.List;

import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The {@code mfa-register.ftl} page: choose a method to set up, pick the default, or contact the administrator. */
public class RegisterPage extends MfaPage {

    public RegisterPage(ManagedWebDriver driver) {
        super(driver);
    }

    @Override
    public String getExpectedPageId() {
        return "login-mfa-register";
    }

    /** The credential types offered, in page order. */
    public List<String> methods() {
        return driver.driver().findElements(By.cssSelector("#mfa-register-form button[value^='method:']")).stream()
                .map(b -> b.getAttribute("value").substring("method:".length())).toList();
    }

    public void choose(String type) {
        click("mfa-register-" + type);
    }

    public String intro() {
        return driver.findElement(By.id("mfa-register-intro")).getText();
    }

    public boolean canSnooze() {
        return has("mfa-register-snooze");
    }

    public String snoozeLabel() {
        return driver.findElement(By.id("mfa-register-snooze")).getText();
    }

    public void snooze() {
        click("mfa-register-snooze");
    }

    /** On the default page: the methods' labels, in the user's order. */
    public List<String> defaults() {
        return driver.driver().findElements(By.cssSelector("#mfa-register-default-form button")).stream()
                .map(WebElement::getText).toList();
    }

    public void chooseDefault(int index) {
        click("mfa-default-" + index);
    }

    public boolean isContactPage() {
        return has("mfa-register-none");
    }
}
