package org.mfasuite.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.mfasuite.keycloak.it.MfaServerConfig;
import org.mfasuite.keycloak.it.Outbox;

/**
 * Case 4: password + SMS code (this suite, dev gateway) vs Keycloak's built-in password + TOTP (OTP Form), full
 * browser sign-ins on one server in one run. Each sign-in is a different user (a TOTP code may be used once) from
 * a different address (the per-address SMS budget); A and B alternate (ABBA) after a warm-up.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
class SecondFactorSignInBenchmark {

    static final int WARM_UP = Integer.getInteger("mfa.benchmark.secondfactor.warmup", 20);
    static final int SIGN_INS = Integer.getInteger("mfa.benchmark.secondfactor.signins", 100);
    private static final double TARGET = 0.95;

    @InjectRealm(config = SecondFactorRealm.class)
    ManagedRealm realm;

    @Test
    void passwordAndSmsVsPasswordAndTotp() {
        BenchFlows.bind(realm, SecondFactorRealm.OTP_CLIENT, flow("bench password and totp", "auth-otp-form"));
        BenchFlows.bind(realm, SecondFactorRealm.SMS_CLIENT, flow("bench password and sms", "mfa-sms"));
        BrowserSignIn totp = new BrowserSignIn(realm.getBaseUrl(), SecondFactorRealm.OTP_CLIENT, BenchRealm.REDIRECT_URI);
        BrowserSignIn sms = new BrowserSignIn(realm.getBaseUrl(), SecondFactorRealm.SMS_CLIENT, BenchRealm.REDIRECT_URI);
        BrowserSignIn.SecondStep totpPage = new BrowserSignIn.SecondStep() {
            public String formId() {
                return "kc-otp-login-form";
            }

            public Map<String, String> fields(String username) {
                return Map.of("otp", totp(SecondFactorRealm.TOTP_SECRET, System.currentTimeMillis() / 1000));
            }
        };
        BrowserSignIn.SecondStep smsPage = new BrowserSignIn.SecondStep() {
            public String formId() {
                return "mfa-sms-form";
            }

            public Map<String, String> fields(String username) {
                int i = Integer.parseInt(username.substring("sms-".length()));
                return Map.of("mfa-action", "verify", "code", lastCode(SecondFactorRealm.phone(i)));
            }
        };

        Samples a = new Samples();
        Samples b = new Samples();
        for (int i = 1; i <= WARM_UP + SIGN_INS; i++) {
            boolean measured = i > WARM_UP;
            String addressA = "198.18." + (i / 200) + "." + (i % 200 + 1);
            String addressB = "198.19." + (i / 200) + "." + (i % 200 + 1);
            if (i % 2 == 0) {
                time(totp, "otp-" + i, addressA, totpPage, measured ? a : null);
                time(sms, "sms-" + i, addressB, smsPage, measured ? b : null);
            } else {
                time(sms, "sms-" + i, addressB, smsPage, measured ? b : null);
                time(totp, "otp-" + i, addressA, totpPage, measured ? a : null);
            }
        }

        double medianRatio = (double) a.percentile(50) / b.percentile(50);
        double throughputRatio = (double) a.total() / b.total();
        List<List<String>> rows = new ArrayList<>();
        rows.add(BenchFlows.row("A: password + TOTP (Keycloak's OTP Form)", a, Samples.ratio(1)));
        rows.add(BenchFlows.row("B: password + SMS code (mfa-sms, dev gateway)", b, Samples.ratio(medianRatio) + " (median), "
                + Samples.ratio(throughputRatio) + " (throughput)"));
        BenchmarkReport.add(4, "Browser sign-in, password + SMS vs Keycloak's password + TOTP (one server)",
                "Keycloak " + System.getProperty("keycloak.version", "") + " distribution with the drop-in jar, one "
                        + "realm, two flows: username + password, then OTP Form (A) or Text message (SMS) (B), both "
                        + "Required. One sign-in = GET the authorization endpoint, POST the password, POST the code "
                        + "(TOTP computed; SMS code read from the dev gateway's outbox file, which the gateway "
                        + "writes on the send), exchange the code for tokens. " + SIGN_INS + " of each after "
                        + WARM_UP + " to warm up, A and B interleaved, every sign-in a different user and address. "
                        + "Speed of B vs A = A's median / B's median; target ≥ " + TARGET + ": "
                        + (medianRatio >= TARGET ? "met" : "not met") + ".",
                List.of("flow", "sign-ins", "median ms", "p95 ms", "sign-ins/s", "speed vs A"), rows);
    }

    private static void time(BrowserSignIn signIn, String user, String address, BrowserSignIn.SecondStep step,
                             Samples samples) {
        long start = System.nanoTime();
        BrowserSignIn.Outcome outcome = signIn.signIn(user, SecondFactorRealm.PASSWORD, address, step);
        long elapsed = System.nanoTime() - start;
        assertTrue(outcome.signedIn(), () -> user + ": sign-in failed, status " + outcome.status() + ":\n"
                + outcome.page());
        if (samples != null) {
            samples.add(elapsed);
        }
    }

    /**
     * The newest code to a phone, from the last 16 KB of the dev gateway's outbox: the message was just written,
     * and reading the whole file each time would put the test's own work into B's times.
     */
    static String lastCode(String phone) {
        try (RandomAccessFile file = new RandomAccessFile(Outbox.path().toFile(), "r")) {
            long from = Math.max(0, file.length() - 16_384);
            byte[] tail = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(tail);
            String[] lines = new String(tail, StandardCharsets.UTF_8).split("\n");
            String to = "\"to\":\"" + phone + "\"";
            for (int i = lines.length - 1; i >= 0; i--) {
                Matcher code = CODE.matcher(lines[i]);
                if (lines[i].contains(to) && code.find()) {
                    return code.group(1);
                }
            }
            throw new AssertionError("no code to " + phone + " at the end of " + Outbox.path());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Pattern CODE = Pattern.compile("\"code\":\"(\\d+)\"");

    /** RFC 6238 with Keycloak's default OTP policy: HmacSHA1, 6 digits, 30 seconds. */
    static String totp(String secret, long epochSeconds) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(epochSeconds / 30).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A top-level flow: username and password, then the given second-factor step, both Required. */
    private String flow(String alias, String secondFactor) {
        String flowId = BenchFlows.create(realm, alias);
        BenchFlows.step(realm.admin().flows(), flowId, "auth-username-password-form");
        BenchFlows.step(realm.admin().flows(), flowId, secondFactor);
        return flowId;
    }
}
