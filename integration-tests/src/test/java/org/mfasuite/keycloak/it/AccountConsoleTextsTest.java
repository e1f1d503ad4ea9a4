package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.server.KeycloakUrls;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Account Console's "Signing in" page (its React app, so a real browser: Debian's Chromium) as the demo's users
 * see it, and as a user sees it who has every kind of credential the suite lists there with a line under its name
 * (a used and an expired app password, a remembered device, a push phone): no {@code {0}} or {@code {{0}}} left
 * unfilled, no raw message key. Screenshots at 390 and 1280 px: target/account-console/.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class AccountConsoleTextsTest extends DemoRealmTest {

    private static final Path SCREENSHOTS = Path.of("target", "account-console");
    /** Words a user never reads: a placeholder, or a message key of the suite or of Keycloak's credential types. */
    private static final Pattern RAW = Pattern.compile("\\{\\{?\\d\\}?\\}|\\bmfa-[a-z0-9-]+|\\b[a-z]+(-[a-z]+)+-(display-name|help-text|info|title)\\b");

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @BeforeAll
    static void needsChromium() {
        String missing = CompanionBrowser.missing();
        Assumptions.assumeTrue(missing == null, missing);
    }

    @Test
    public void theSigningInPageOfTheDemoUsersShowsNoPlaceholderOrKey() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("console-texts");
        long now = System.currentTimeMillis();
        DemoUsers.create(realm, user, List.of(), false, List.of(
                credential("mfa-app-password", "Thunderbird", "{\"publicId\":\"abcd\",\"clients\":[],\"expiresAt\":"
                        + (now / 1000 + 86_400 * 30) + ",\"lastUsedAt\":" + (now / 1000 - 3600)
                        + ",\"lastUsedIp\":\"203.0.113.7\",\"passwordDate\":null}"),
                credential("mfa-app-password", "Old phone", "{\"publicId\":\"efgh\",\"clients\":[],\"expiresAt\":"
                        + (now / 1000 - 86_400) + ",\"lastUsedAt\":0,\"lastUsedIp\":null,\"passwordDate\":null}"),
                credential("mfa-trusted-device", "Firefox on Linux", "{\"ipAddress\":\"198.51.100.7\",\"lastUsed\":" + now + "}"),
                credential("mfa-push-device", "Pixel", "{\"deviceId\":\"d1\",\"platform\":\"android\",\"x\":\"x\",\"y\":\"y\","
                        + "\"keyThumbprint\":\"t\",\"push\":null,\"keyUpdated\":" + now + "}"),
                // the phone as the admin's default: the sign-in starts with the SMS page, not the (stronger) push page
                DemoUsers.phoneChosenByAdmin()), phone);

        Map<String, String> users = Map.of("alice", "alice", user, DemoUsers.PASSWORD);
        String alicePhone = SmsSignInTest.ALICE_PHONE;
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> entry : users.entrySet()) {
            String shown = signingInPage(entry.getKey(), entry.getValue(), entry.getKey().equals("alice") ? alicePhone : phone);
            Matcher raw = RAW.matcher(shown);
            while (raw.find()) {
                problems.add(entry.getKey() + ": " + raw.group());
            }
            if (!entry.getKey().equals("alice")) {
                assertTrue(shown.contains("remembered from 198.51.100.7"), shown);
                assertTrue(shown.contains("from 203.0.113.7"), shown);
                assertTrue(shown.contains("Valid until"), shown);
                assertTrue(shown.contains("It stopped working on"), shown);
                assertTrue(shown.contains("· android"), shown);
            }
        }
        assertTrue(problems.isEmpty(), "raw texts on the Account Console: " + problems);
    }

    /** The registration prompt and a refused phone number as a new staff member sees them in Chromium (screenshots). */
    @Test
    public void theRegistrationPromptAndARefusedNumberInABrowser() {
        String staff = DemoUsers.uniqueName("prompt-shot");
        String id = DemoUsers.create(realm, staff, List.of(), false);
        realm.admin().users().get(id).joinGroup(realm.admin().getGroupByPath("/staff").getId());
        ChromeDriver chrome = chromium();
        try {
            WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(60));
            chrome.get(urls.getBase() + "/realms/demo/account/");
            wait.until(d -> !d.findElements(By.id("username")).isEmpty());
            chrome.findElement(By.id("username")).sendKeys(staff);
            chrome.findElement(By.id("password")).sendKeys(DemoUsers.PASSWORD);
            chrome.findElement(By.id("kc-login")).click();
            wait.until(d -> !d.findElements(By.id("mfa-register-mfa-phone")).isEmpty());
            String prompt = chrome.findElement(By.tagName("body")).getText();
            shoot(chrome, "register-prompt");
            assertTrue(prompt.contains("Recovery codes"), prompt);
            assertFalse(prompt.contains("previously generated"), prompt);
            chrome.findElement(By.id("mfa-register-mfa-phone")).click();
            wait.until(d -> !d.findElements(By.id("phoneNumber")).isEmpty());
            chrome.findElement(By.id("phoneNumber")).sendKeys("+49 151 23456789");
            chrome.findElement(By.id("mfa-phone-send")).click();
            wait.until(d -> d.findElement(By.tagName("body")).getText().contains("Enter a number from Sweden."));
            shoot(chrome, "phone-country-refused");
        } finally {
            chrome.quit();
        }
    }

    private static ChromeDriver chromium() {
        Path profile;
        try {
            profile = Files.createTempDirectory("mfa-account-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CompanionBrowser.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--lang=en", "--window-size=1280,900");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CompanionBrowser.CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Signs in to the Account Console in a fresh Chromium (password, then the SMS code) and returns the Signing in page's text. */
    private String signingInPage(String username, String password, String phone) {
        ChromeDriver chrome = chromium();
        try {
            WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(60));
            chrome.get(urls.getBase() + "/realms/demo/account/account-security/signing-in");
            wait.until(d -> !d.findElements(By.id("username")).isEmpty());
            chrome.findElement(By.id("username")).sendKeys(username);
            chrome.findElement(By.id("password")).sendKeys(password);
            chrome.findElement(By.id("kc-login")).click();
            // a user with another method gets the SMS only when they ask for it ("Text me")
            wait.until(d -> !d.findElements(By.id("code")).isEmpty() || !d.findElements(By.id("mfa-sms-send")).isEmpty());
            String name = username.startsWith("console-texts") ? "all-kinds" : username;
            shoot(chrome, "sms-page-" + name);
            assertTrue(chrome.findElements(By.id("kc-select-try-another-way-form")).isEmpty(),
                    "the SMS page lists the other ways once, without Keycloak's Try Another Way");
            if (chrome.findElements(By.id("code")).isEmpty()) {
                chrome.findElement(By.id("mfa-sms-send")).click();
                wait.until(d -> !d.findElements(By.id("code")).isEmpty());
            }
            chrome.findElement(By.id("code")).sendKeys(Outbox.lastCodeTo(phone));
            chrome.findElement(By.id("kc-login")).click();
            try {
                wait.until(d -> !d.findElements(By.cssSelector("[data-testrole='created-at']")).isEmpty());
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("the Signing in page did not load: " + chrome.getCurrentUrl() + "\n"
                        + chrome.findElement(By.tagName("body")).getText(), e);
            }
            String text = chrome.findElement(By.tagName("body")).getText();
            shoot(chrome, "signing-in-" + name);
            return text;
        } finally {
            chrome.quit();
        }
    }

    private static void shoot(ChromeDriver chrome, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            for (int width : new int[] {390, 1280}) {
                chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 1600,
                        "deviceScaleFactor", 1, "mobile", width < 600));
                Thread.sleep(500);
                Files.write(SCREENSHOTS.resolve(name + "-" + width + ".png"), chrome.getScreenshotAs(OutputType.BYTES));
            }
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CredentialRepresentation credential(String type, String label, String data) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(type);
        credential.setUserLabel(label);
        credential.setCredentialData(data);
        credential.setSecretData(type.equals("mfa-app-password") ? "{\"kid\":\"k\",\"hash\":\"h\"}" : "{\"tokenHash\":\"h\"}");
        credential.setCreatedDate(System.currentTimeMillis() - 86_400_000L);
        return credential;
    }
}
