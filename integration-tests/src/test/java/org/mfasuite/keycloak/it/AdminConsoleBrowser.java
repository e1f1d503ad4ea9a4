package org.mfasuite.keycloak.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The MFA admin console ({@code /realms/{realm}/mfa-admin/}) in Debian's headless Chromium, as an admin uses it:
 * {@link #signIn} through Keycloak's login page, {@link #open} a route, {@link #screenshots} narrow and wide into
 * {@code target/screenshots/}, {@link #cspViolations()} from the browser log. A fresh profile each time.
 */
public final class AdminConsoleBrowser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final List<String> log = new ArrayList<>();

    /** Why a console browser test cannot run here (no Chromium), or null when it can. */
    public static String missing() {
        return CompanionBrowser.missing();
    }

    /** Skips the calling test class, with one line in the build output, where Chromium cannot run. */
    public static void assumeChromium() {
        String missing = missing();
        if (missing != null) {
            System.err.println("[WARNING] " + missing);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(missing == null, missing);
    }

    /** A browser whose preferred language is {@code language} (en, sv, nl, de). */
    public AdminConsoleBrowser(String language) {
        try {
            profile = Files.createTempDirectory("mfa-admin-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CompanionBrowser.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--lang=" + language, "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CompanionBrowser.CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    /**
     * Opens the console of {@code realmBaseUrl} ({@code http://…/realms/demo}), signs in on Keycloak's login page
     * and waits until the console has started (its nav, or the "no admin rights" page).
     */
    public AdminConsoleBrowser signIn(String realmBaseUrl, String username, String password) {
        return signIn(realmBaseUrl + "/mfa-admin/", username, password, true);
    }

    /** The same for a console URL of its own (a query such as {@code ?realm=demo}, a route after {@code #}). */
    public AdminConsoleBrowser signIn(String consoleUrl, String username, String password, boolean waitForStart) {
        driver.get(consoleUrl);
        return signInOnLoginPage(username, password, waitForStart);
    }

    /** Signs in on Keycloak's login page the console sent the browser to (first start, or the session ended). */
    public AdminConsoleBrowser signInOnLoginPage(String username, String password, boolean waitForStart) {
        waitUntil(Duration.ofSeconds(30), () -> !driver.findElements(By.id("username")).isEmpty());
        WebElement user = driver.findElement(By.id("username"));
        user.clear();
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        if (waitForStart) {
            waitForStart();
        }
        return this;
    }

    /** Waits until the console has started after a sign-in or a reload. */
    public void waitForStart() {
        waitUntil(Duration.ofSeconds(40), () -> {
            List<WebElement> body = driver.findElements(By.cssSelector("body[data-ready]"));
            return !body.isEmpty();
        });
        String ready = driver.findElement(By.tagName("body")).getDomAttribute("data-ready");
        if (!"true".equals(ready)) {
            throw new AssertionError("the console did not start: " + diagnostics());
        }
    }

    /** Goes to a route ({@code #/users}) and waits until that page is shown. */
    public void open(String hash) {
        String page = hash.replaceFirst("^#/?", "").split("/")[0];
        ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0]", hash);
        waitUntil(Duration.ofSeconds(15), () -> page.equals(currentPage()));
    }

    /** The page the router shows ({@code tokens}), or null. */
    public String currentPage() {
        List<WebElement> main = driver.findElements(By.cssSelector("#mfa-main[data-page]"));
        return main.isEmpty() ? null : main.get(0).getDomAttribute("data-page");
    }

    /** The nav's page ids, in order. */
    public List<String> navPages() {
        return driver.findElements(By.cssSelector("#mfa-nav a[data-page]")).stream()
                .map(a -> a.getDomAttribute("data-page")).toList();
    }

    /** Waits until the condition holds (15 s), failing with what the console shows. */
    public void waitUntil(BooleanSupplier condition) {
        waitUntil(Duration.ofSeconds(15), condition);
    }

    public WebElement find(String css) {
        waitUntil(() -> !driver.findElements(By.cssSelector(css)).isEmpty());
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText().trim();
    }

    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Saves the console as a phone (390 x 844) and a desktop (1280 x 800) show it, full page height, in
     * {@code target/screenshots/<name>-narrow.png} and {@code -wide.png}.
     */
    public void screenshots(String name) {
        shoot(name + "-narrow", 390, 844, true);
        shoot(name + "-wide", 1280, 800, false);
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** Shows the console as a phone (390 x 844) until {@link #desktop()}: for a test of the narrow layout. */
    public void phone() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
    }

    public void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** One screenshot as the window is now, {@code target/screenshots/<name>.png}. */
    public void screenshot(String name) {
        shoot(name, 0, 0, false);
    }

    private void shoot(String name, int width, int height, boolean mobile) {
        if (width > 0) {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
        }
        try {
            Thread.sleep(300);
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Everything the browser's console said so far. */
    public List<String> browserLog() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER).getAll()) {
            log.add(entry.getLevel() + " " + entry.getMessage());
        }
        return List.copyOf(log);
    }

    /** What Chromium refused under the Content-Security-Policy (inline script or style, eval, other origins). */
    public List<String> cspViolations() {
        return browserLog().stream().filter(line -> line.contains("Content Security Policy")
                || line.contains("Content-Security-Policy") || line.contains("Refused to")).toList();
    }

    private void waitUntil(Duration timeout, BooleanSupplier condition) {
        try {
            new WebDriverWait(driver, timeout).until(d -> condition.getAsBoolean());
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the console did not get there: " + diagnostics(), e);
        }
    }

    /** Where the console is, what it shows, what its console log says. */
    public String diagnostics() {
        String console = String.join("\n  ", browserLog());
        String text;
        try {
            text = pageText().replace('\n', ' ');
        } catch (RuntimeException e) {
            text = "(no page)";
        }
        return driver.getCurrentUrl() + "\n page: " + text + "\n console:\n  " + console;
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

    /** For messages: the log lines joined. */
    static String lines(List<String> lines) {
        return lines.stream().collect(Collectors.joining("\n"));
    }
}
