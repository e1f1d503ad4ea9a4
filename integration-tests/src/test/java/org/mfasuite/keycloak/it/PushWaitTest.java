package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;

/**
 * The login page's wait ({@code GET /realms/{r}/mfa-push/wait/{id}?tab_id=}): it answers only the browser tab that
 * waits on the request, answers what it cannot wait on at once, is answered promptly when the phone approves, and
 * beyond the node's cap of held waits says 429. The page's own script, in Chromium, goes on by itself.
 */
@KeycloakIntegrationTest(config = PushWaitServerConfig.class)
public class PushWaitTest extends DemoRealmTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void withoutJavaScript() {
        ((HtmlUnitDriver) driver.driver()).setJavascriptEnabled(false);
    }

    @AfterEach
    void javaScriptBackOn() {
        ((HtmlUnitDriver) driver.driver()).setJavascriptEnabled(true);
    }

    /** A user with an enrolled phone, signed out again; then signed in up to the push page. */
    private PushDeviceSimulator signedInUpToThePush(String user) {
        DemoUsers.create(realm, user, List.of("mfa-push-enroll"), false);
        submitPassword(user, DemoUsers.PASSWORD);
        PushDeviceSimulator device = new PushDeviceSimulator();
        assertEquals(201, device.enrol(driver.findElement(By.id("mfa-push-enroll-link")).getAttribute("href"), "Pixel").status());
        driver.findElement(By.id("mfa-push-enroll-continue")).click();
        assertNotNull(oauth.parseLoginResponse().getCode(), "signed in after enrolling");
        realm.admin().logoutAll();
        driver.driver().manage().deleteAllCookies();
        submitPassword(user, DemoUsers.PASSWORD);
        assertFalse(driver.driver().findElements(By.id("mfa-push-number")).isEmpty(), "the push page waits");
        return device;
    }

    /** The page's tab, as its form posts it. */
    private String tabId() {
        String action = driver.findElement(By.id("mfa-push-form")).getAttribute("action");
        return Arrays.stream(URI.create(action).getRawQuery().split("&")).filter(p -> p.startsWith("tab_id="))
                .map(p -> p.substring("tab_id=".length())).findFirst().orElseThrow();
    }

    private String browserCookies() {
        return driver.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
    }

    private static HttpRequest waitRequest(String url, String cookies) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(40)).GET();
        if (cookies != null) {
            request.header("Cookie", cookies);
        }
        return request.build();
    }

    private static HttpResponse<String> call(String url, String cookies) {
        return HTTP.sendAsync(waitRequest(url, cookies), HttpResponse.BodyHandlers.ofString()).join();
    }

    private static CompletableFuture<HttpResponse<String>> hold(String url, String cookies) {
        return HTTP.sendAsync(waitRequest(url, cookies), HttpResponse.BodyHandlers.ofString());
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Test
    public void onlyTheOwningTabIsAnsweredAndWhatCannotBeWaitedOnIsAnsweredAtOnce() {
        PushDeviceSimulator device = signedInUpToThePush(DemoUsers.uniqueName("wait-own"));
        String id = device.pending().get(0).id();
        String tab = tabId();
        String cookies = browserCookies();
        String base = device.base() + "/wait/";

        long started = System.nanoTime();
        HttpResponse<String> unknown = call(base + "no-such-request?tab_id=" + tab, cookies);
        assertEquals(403, unknown.statusCode(), unknown.body());
        assertEquals("refused", HttpCalls.json(unknown).get("status"));
        HttpResponse<String> stranger = call(base + id + "?tab_id=" + tab, null);
        assertEquals(403, stranger.statusCode(), "someone else's request without the owner's cookies");
        HttpResponse<String> otherTab = call(base + id + "?tab_id=another-tab", cookies);
        assertEquals(403, otherTab.statusCode(), "the owner's cookies but another tab");
        HttpResponse<String> noTab = call(base + id, cookies);
        assertEquals(403, noTab.statusCode(), "no tab");
        assertTrue(millisSince(started) < 5_000, "all answered at once, not held: " + millisSince(started) + " ms");

        // the owner's own request: held, and answered "done" promptly once the phone approved
        CompletableFuture<HttpResponse<String>> held = hold(base + id + "?tab_id=" + tab, cookies);
        sleep(1_500);
        assertFalse(held.isDone(), "held while nobody answered");
        String number = driver.findElement(By.id("mfa-push-number")).getText().trim();
        assertEquals("approved", device.answer(id, "approve", Integer.valueOf(number)).body().get("result"));
        long approved = System.nanoTime();
        HttpResponse<String> done = held.orTimeout(10, TimeUnit.SECONDS).join();
        long promptly = millisSince(approved);
        assertEquals(200, done.statusCode(), done.body());
        assertEquals("done", HttpCalls.json(done).get("status"));
        assertTrue(promptly < 2_000, "answered " + promptly + " ms after the approval");

        started = System.nanoTime();
        assertEquals("done", HttpCalls.json(call(base + id + "?tab_id=" + tab, cookies)).get("status"),
                "an answered request: at once");
        assertTrue(millisSince(started) < 2_000);
        driver.findElement(By.id("mfa-push-continue")).click();
        assertNotNull(oauth.parseLoginResponse().getCode(), "signed in");
    }

    @Test
    public void beyondTheNodesCapAWaitIsToldToComeBackLater() {
        PushDeviceSimulator device = signedInUpToThePush(DemoUsers.uniqueName("wait-cap"));
        String id = device.pending().get(0).id();
        String url = device.base() + "/wait/" + id + "?tab_id=" + tabId();
        String cookies = browserCookies();

        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < PushWaitServerConfig.MAX_HELD_WAITS; i++) {
            held.add(hold(url, cookies));
        }
        sleep(1_500);
        assertTrue(held.stream().noneMatch(CompletableFuture::isDone), "the cap's worth of waits are held");
        long started = System.nanoTime();
        HttpResponse<String> busy = call(url, cookies);
        assertEquals(429, busy.statusCode(), busy.body());
        assertEquals("busy", HttpCalls.json(busy).get("status"));
        assertTrue(busy.headers().firstValue("Retry-After").isPresent(), "says when to come back");
        assertTrue(millisSince(started) < 2_000, "refused at once");

        String number = driver.findElement(By.id("mfa-push-number")).getText().trim();
        device.answer(id, "approve", Integer.valueOf(number));
        for (CompletableFuture<HttpResponse<String>> wait : held) {
            assertEquals("done", HttpCalls.json(wait.orTimeout(10, TimeUnit.SECONDS).join()).get("status"));
        }
        assertEquals(200, call(url, cookies).statusCode(), "room again once they were answered");
    }

    /** The page's script in a real browser: it waits with the browser's cookies and goes on by itself. */
    @Test
    public void thePageGoesOnByItselfOnceThePhoneApproved() {
        String missing = CompanionBrowser.missing();
        Assumptions.assumeTrue(missing == null, missing);
        String user = DemoUsers.uniqueName("wait-page");
        PushDeviceSimulator device = signedInUpToThePush(user);
        realm.admin().logoutAll();
        try (CompanionBrowser chromium = new CompanionBrowser("en")) {
            WebDriver browser = chromium.webDriver();
            browser.get(oauth.loginForm().build());
            browser.findElement(By.id("username")).sendKeys(user);
            browser.findElement(By.id("password")).sendKeys(DemoUsers.PASSWORD);
            browser.findElement(By.id("kc-login")).click();
            String number = browser.findElement(By.id("mfa-push-number")).getText().trim();
            List<PushDeviceSimulator.Pending> open = device.pending();
            PushDeviceSimulator.Pending pending = open.get(open.size() - 1);
            sleep(1_000);
            assertTrue(browser.getCurrentUrl().contains("/login-actions/"), "still on the push page");
            device.answer(pending.id(), "approve", Integer.valueOf(number));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!browser.getCurrentUrl().contains("code=") && System.nanoTime() < deadline) {
                sleep(100);
            }
            assertTrue(browser.getCurrentUrl().contains("code="), "went on by itself: " + browser.getCurrentUrl());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
