package org.mfasuite.keycloak.push.delivery;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.mfasuite.keycloak.challenge.IntSetting;

/**
 * How push notifications go out, read once from the {@code mfa-push} step's config. Keys and defaults are
 * defined here once; {@link #problems()} names what an admin got wrong, for save-time checks.
 */
public final class PushDeliverySettings {

    public static final String VAPID_SUBJECT = "vapid-subject";
    public static final String WEB_PUSH_HOSTS = "web-push-hosts";
    public static final String FCM_SERVICE_ACCOUNT = "fcm-service-account";
    public static final String FCM_ENDPOINT = "fcm-endpoint";
    public static final IntSetting TIMEOUT = new IntSetting("push-timeout-ms", 500, 10000, 3000,
            "Push timeout (ms)", "How long one call to a push service (or FCM's token endpoint) may take.");

    /** Works, but a push service cannot reach an operator at it: set a real address. */
    public static final String DEFAULT_SUBJECT = "mailto:admin@localhost";
    public static final URI DEFAULT_FCM_ENDPOINT = URI.create("https://fcm.googleapis.com");
    /** Keycloak's separator for multivalued config values. */
    public static final String MULTIVALUED_SEPARATOR = "##";
    private static final Pattern LOCAL_SUBJECT = Pattern.compile("[@/.](localhost|[^@/:]*\\.(local|localhost|invalid))([:/]|$)");
    private static final Pattern VAULT_REFERENCE = Pattern.compile("^\\$\\{vault\\..+}$");

    private final String vapidSubject;
    private final PushHosts webPushHosts;
    private final String fcmServiceAccount;
    private final URI fcmEndpoint;
    private final int timeoutMs;
    private final List<String> problems;

    private PushDeliverySettings(String vapidSubject, PushHosts webPushHosts, String fcmServiceAccount, URI fcmEndpoint,
            int timeoutMs, List<String> problems) {
        this.vapidSubject = vapidSubject;
        this.webPushHosts = webPushHosts;
        this.fcmServiceAccount = fcmServiceAccount;
        this.fcmEndpoint = fcmEndpoint;
        this.timeoutMs = timeoutMs;
        this.problems = List.copyOf(problems);
    }

    public static PushDeliverySettings defaults() {
        return from(Map.of());
    }

    /** Reads a config map; a missing or unusable value falls back to its default (and is named in problems()). */
    public static PushDeliverySettings from(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        List<String> problems = new ArrayList<>();

        String subject = blankToNull(c.get(VAPID_SUBJECT));
        if (subject != null && !subject.matches("(mailto:\\S+@\\S+|https://\\S+)")) {
            problems.add("VAPID subject (" + VAPID_SUBJECT + ") must be a mailto: address or an https: URL");
            subject = null;
        } else if (subject != null && LOCAL_SUBJECT.matcher(subject).find()) {
            // RFC 8292 allows it, but Apple's push service answers 403 BadJwtToken to a subject nobody can reach
            problems.add("VAPID subject (" + VAPID_SUBJECT + ") must be reachable from the internet: Apple's push service "
                    + "refuses localhost, .local and .invalid addresses");
        }

        List<String> rawHosts = splitHosts(c.get(WEB_PUSH_HOSTS));
        for (String host : rawHosts) {
            String problem = PushHosts.problem(host);
            if (problem != null) {
                problems.add("Web Push hosts (" + WEB_PUSH_HOSTS + "): " + problem);
            }
        }
        PushHosts hosts = PushHosts.of(rawHosts.isEmpty() ? PushHosts.WELL_KNOWN : rawHosts);

        String account = blankToNull(c.get(FCM_SERVICE_ACCOUNT));
        if (account != null && !VAULT_REFERENCE.matcher(account).matches()) {
            try {
                FcmServiceAccount.parse(account);
            } catch (IllegalArgumentException e) {
                problems.add("FCM service account (" + FCM_SERVICE_ACCOUNT + "): " + e.getMessage());
            }
        }

        URI endpoint = DEFAULT_FCM_ENDPOINT;
        String rawEndpoint = blankToNull(c.get(FCM_ENDPOINT));
        if (rawEndpoint != null) {
            try {
                URI parsed = URI.create(rawEndpoint.endsWith("/") ? rawEndpoint.substring(0, rawEndpoint.length() - 1) : rawEndpoint);
                if (!parsed.isAbsolute() || parsed.getHost() == null || !List.of("https", "http").contains(parsed.getScheme())) {
                    throw new IllegalArgumentException();
                }
                endpoint = parsed;
            } catch (IllegalArgumentException e) {
                problems.add("FCM endpoint (" + FCM_ENDPOINT + ") must be an http(s) URL");
            }
        }

        String timeoutProblem = TIMEOUT.problem(c);
        if (timeoutProblem != null) {
            problems.add(timeoutProblem);
        }
        return new PushDeliverySettings(subject == null ? DEFAULT_SUBJECT : subject, hosts, account, endpoint,
                TIMEOUT.read(c), problems);
    }

    private static List<String> splitHosts(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return Arrays.stream(raw.split(MULTIVALUED_SEPARATOR)).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** What is wrong with the config this was read from, each naming the field; empty when it is valid. */
    public List<String> problems() {
        return problems;
    }

    /** {@code sub} of the VAPID JWT: how a push service reaches the operator. */
    public String vapidSubject() {
        return vapidSubject;
    }

    public PushHosts webPushHosts() {
        return webPushHosts;
    }

    /** The service-account JSON or a {@code ${vault.key}} reference, as configured; null when FCM is not set up. */
    public String fcmServiceAccount() {
        return fcmServiceAccount;
    }

    public URI fcmEndpoint() {
        return fcmEndpoint;
    }

    public int timeoutMs() {
        return timeoutMs;
    }

    /** The admin console's fields for these settings, for the {@code mfa-push} step's factory. */
    public static List<ProviderConfigProperty> configProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(ProviderConfigurationBuilder.create()
                .property().name(VAPID_SUBJECT).label("VAPID subject")
                .helpText("How Web Push services can reach you about this server's notifications: a mailto: "
                        + "address or an https: URL. Default " + DEFAULT_SUBJECT + ", which reaches nobody.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_SUBJECT).add()
                .property().name(WEB_PUSH_HOSTS).label("Web Push hosts")
                .helpText("Hosts a device may register as its Web Push endpoint; '*.' in front allows the "
                        + "subdomains. Guards against devices making the server call internal addresses. Empty: "
                        + String.join(", ", PushHosts.WELL_KNOWN) + ".")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
                .property().name(FCM_SERVICE_ACCOUNT).label("FCM service account")
                .helpText("Firebase service-account JSON for notifications to a native app, or a vault reference "
                        + "such as ${vault.fcm_service_account} (recommended). Empty: no FCM.")
                .type(ProviderConfigProperty.PASSWORD).secret(true).add()
                .property().name(FCM_ENDPOINT).label("FCM endpoint")
                .helpText("Base URL of the FCM HTTP v1 API. Default " + DEFAULT_FCM_ENDPOINT + ".")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_FCM_ENDPOINT.toString()).add()
                .build());
        properties.add(TIMEOUT.property("Applies to each notification."));
        return properties;
    }
}
