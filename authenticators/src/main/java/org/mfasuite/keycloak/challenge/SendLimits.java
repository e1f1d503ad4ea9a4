package org.mfasuite.keycloak.challenge;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.keycloak.provider.ProviderConfigProperty;

/**
 * How many codes may be sent, realm-wide: one set of limits for sign-in and registration alike, counted
 * cluster-wide. The per-user limits keep one person from pumping codes; the per-number, per-address and
 * realm budgets stop scripted toll fraud across many accounts (SMS pumping) and cap the operator's bill.
 *
 * @param sendLimit          codes sent to one user within {@code sendWindowSeconds}
 * @param sendWindowSeconds  rolling window of {@code sendLimit}
 * @param resendDelaySeconds wait between two sends to one user
 * @param numberHourlyLimit  codes sent to one phone number per clock hour
 * @param ipHourlyLimit      codes requested from one client address per clock hour
 * @param realmHourlyLimit   codes the whole realm sends per clock hour: the cost ceiling
 */
public record SendLimits(int sendLimit, int sendWindowSeconds, int resendDelaySeconds, int numberHourlyLimit,
                         int ipHourlyLimit, int realmHourlyLimit) {

    public static final IntSetting SEND_LIMIT = new IntSetting("send-limit", 1, 50, 5, "Codes per user",
            "Codes sent to one user within the send window, across all sign-ins, registrations and cluster nodes.");
    public static final IntSetting SEND_WINDOW = new IntSetting("send-window", 60, 86400, 300,
            "Send window (seconds)", "Rolling window of the per-user limit.");
    public static final IntSetting RESEND_DELAY = new IntSetting("resend-delay", 0, 600, 30,
            "Wait between codes (seconds)", "Wait before one user can get another code.");
    public static final IntSetting NUMBER_HOURLY_LIMIT = new IntSetting("number-hourly-limit", 1, 1000, 10,
            "Codes per phone number per hour", "Codes sent to one phone number per hour, whoever asks.");
    public static final IntSetting IP_HOURLY_LIMIT = new IntSetting("ip-hourly-limit", 1, 100000, 200,
            "Codes per client address per hour", "Codes requested from one client IP address per hour (offices behind one address count together).");
    public static final IntSetting REALM_HOURLY_LIMIT = new IntSetting("realm-hourly-limit", 1, 1000000, 2000,
            "Codes per realm per hour", "The cost ceiling: when reached, no more codes are sent in this realm until the hour ends.");

    private static final List<IntSetting> ALL = List.of(SEND_LIMIT, SEND_WINDOW, RESEND_DELAY, NUMBER_HOURLY_LIMIT,
            IP_HOURLY_LIMIT, REALM_HOURLY_LIMIT);

    public static SendLimits defaults() {
        return from(Map.of());
    }

    public static SendLimits from(Map<String, String> config) {
        return new SendLimits(SEND_LIMIT.read(config), SEND_WINDOW.read(config), RESEND_DELAY.read(config),
                NUMBER_HOURLY_LIMIT.read(config), IP_HOURLY_LIMIT.read(config), REALM_HOURLY_LIMIT.read(config));
    }

    public static List<String> problems(Map<String, String> config) {
        return ALL.stream().map(s -> s.problem(config)).filter(Objects::nonNull).toList();
    }

    public static List<ProviderConfigProperty> configProperties(String appliesTo) {
        return ALL.stream().map(s -> s.property(appliesTo)).toList();
    }
}
