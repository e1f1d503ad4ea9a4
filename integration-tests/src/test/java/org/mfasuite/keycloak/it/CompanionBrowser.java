package org.mfasuite.keycloak.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The phone: Debian's Chromium, headless, driven through chromedriver, running the companion app as a user would
 * (a fresh profile each time, so IndexedDB starts empty). Notifications are blocked, as a headless browser without
 * network has no push service anyway: the app must work by polling.
 */
final class CompanionBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "companion-app");

    /** Selenium 4.39 knows no DevTools version for Chromium 150; the test uses only chromedriver's own CDP call. */
    private static final List<java.util.logging.Logger> QUIET = Stream.of("org.openqa.selenium.devtools.CdpVersionFinder",
            "org.openqa.selenium.chromium.ChromiumDriver").map(java.util.logging.Logger::getLogger)
            .peek(logger -> logger.setLevel(Level.SEVERE)).toList();

    private final ChromeDriver driver;
    private final Path profile;

    /** Why the browser test cannot run here, or null when it can. */
    static String missing() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            return "CompanionAppTest needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian: apt-get install chromium chromium-driver); skipped";
        }
        return null;
    }

    CompanionBrowser(String language) {
        try {
            profile = Files.createTempDirectory("mfa-companion-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--lang=" + language, "--window-size=1280,800");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language,
                "profile.default_content_setting_values.notifications", 2));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    /** Opens a URL (the enrolment link, or the app) and waits until the app has started and polled once. */
    void open(String url) {
        driver.get(url);
        waitUntil(Duration.ofSeconds(20), () -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    /** The app's status line (enrolment result, errors), or "" when it shows none. */
    String status() {
        WebElement status = driver.findElement(By.id("status"));
        return status.isDisplayed() ? status.getText().trim() : "";
    }

    /** Waits (the app polls every 3 s) for an open request and returns its card. */
    WebElement request() {
        waitUntil(Duration.ofSeconds(15), () -> !driver.findElements(By.cssSelector("#request-list .request:not(.answered)")).isEmpty());
        return driver.findElement(By.cssSelector("#request-list .request:not(.answered)"));
    }

    List<Integer> numberChoices(WebElement request) {
        return request.findElements(By.cssSelector("button.number")).stream()
                .map(button -> Integer.parseInt(button.getText().trim())).toList();
    }

    void pick(WebElement request, int number) {
        request.findElement(By.cssSelector("button.number[data-number='" + number + "']")).click();
    }

    /** Types the number into the card's field and approves (the default, number-matching = type). */
    void typeNumber(WebElement request, int number) {
        WebElement field = request.findElement(By.cssSelector(".typed-number"));
        field.clear();
        field.sendKeys(Integer.toString(number));
        request.findElement(By.cssSelector(".typed-form button[type=submit]")).click();
    }

    /** Whether the card asks to type the number (no number buttons to pick from). */
    boolean asksToType(WebElement request) {
        return "type".equals(request.getDomAttribute("data-number-matching"))
                && request.findElement(By.cssSelector(".typed-number")).isDisplayed()
                && request.findElements(By.cssSelector("button.number")).isEmpty();
    }

    /** Settings → Add an account: pastes a link and returns the status line the set-up ends with. */
    String pasteEnrolLink(String link) {
        if (!driver.findElement(By.id("settings")).isDisplayed()) {
            driver.findElement(By.id("settings-toggle")).click();
        }
        String before = status();
        WebElement field = driver.findElement(By.id("enrol-link"));
        field.clear();
        field.sendKeys(link);
        driver.findElement(By.cssSelector("#enrol-form button[type=submit]")).click();
        waitUntil(Duration.ofSeconds(10), () -> !status().isEmpty() && !status().equals(before) && !status().endsWith("…"));
        return status();
    }

    void deny(WebElement request) {
        request.findElement(By.cssSelector("button.deny")).click();
    }

    void report(WebElement request) {
        request.findElement(By.cssSelector("button.report")).click();
    }

    /** Waits for a problem with one of the app's accounts (such as a removed device) and returns what it says. */
    String problem() {
        waitUntil(Duration.ofSeconds(15), () -> !driver.findElements(By.cssSelector("#problem-list .problem p")).isEmpty());
        return driver.findElement(By.cssSelector("#problem-list .problem p")).getText().trim();
    }

    /** Waits for the card's final result text ("Approved", …). */
    String result(WebElement request) {
        waitUntil(Duration.ofSeconds(10), () -> request.getDomAttribute("class").contains("answered"));
        return request.findElement(By.cssSelector(".result")).getText().trim();
    }

    /** A text of the card (title, labels, buttons) as the user reads it. */
    String text(WebElement element, String css) {
        return element.findElement(By.cssSelector(css)).getText().trim();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    String language() {
        return driver.findElement(By.tagName("html")).getDomAttribute("lang");
    }

    void openSettings() {
        driver.findElement(By.id("settings-toggle")).click();
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#enrolment-list .enrolment")));
    }

    /** Settings: the enrolment's "Use a new key" (PUT …/key); returns the status line it leads to. */
    String rotateKey() {
        return settingsAction("button.rotate");
    }

    /** Settings: the enrolment's "Remove from this device" (DELETE …); returns the status line it leads to. */
    String removeEnrolment() {
        return settingsAction("button.remove");
    }

    void closeSettings() {
        driver.findElement(By.id("settings-toggle")).click();
        waitUntil(Duration.ofSeconds(5), () -> driver.findElement(By.id("requests")).isDisplayed());
    }

    private String settingsAction(String css) {
        String before = status();
        driver.findElement(By.cssSelector("#enrolment-list " + css)).click();
        waitUntil(Duration.ofSeconds(10), () -> !status().equals(before));
        return status();
    }

    /**
     * Saves the app as a phone (390 x 844) and as a desktop window (1280 x 800) show it, in
     * {@code target/companion-app/<name>-narrow.png} and {@code -wide.png}.
     */
    void screenshots(String name) {
        shoot(name + "-narrow", 390, 844, true);
        shoot(name + "-wide", 1280, 800, false);
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    private void shoot(String name, int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void waitUntil(Duration timeout, java.util.function.BooleanSupplier condition) {
        try {
            new WebDriverWait(driver, timeout).until(d -> condition.getAsBoolean());
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the app did not get there: " + diagnostics(), e);
        }
    }

    /** What a failed wait needs to be understood: where the app is, what it says, what its console says. */
    String diagnostics() {
        String console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage()).collect(Collectors.joining("\n  "));
        return driver.getCurrentUrl() + "\n page: " + pageText().replace('\n', ' ') + "\n console:\n  " + console;
    }

    /** The browser itself, for a test that signs in with it (the login page's own script). */
    org.openqa.selenium.WebDriver webDriver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temp dir left behind is harmless
            }
        }
    }
}
