package org.mfasuite.keycloak.fraud;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a realm does when a user reports a sign-in they did not start ("This wasn't me"). Read from and written to
 * one place, the realm's {@code mfa-fraud-settings} component ({@link FraudSettingsStore}); the keys are a public
 * contract, the same in the component's config and in {@code GET/PUT /admin/realms/{realm}/mfa/fraud-settings}.
 *
 * @param blockUser   what happens to the account
 * @param notifyUser  a security email to the user (push reports send their own, as before)
 * @param alertEmails addresses that get an alert for every report ({@code fraud-alert-emails})
 * @param reportLink  whether texts and calls carry the "Not you?" link
 * @param linkHours   how long such a link can be used
 */
public record FraudSettings(Block blockUser, boolean notifyUser, List<String> alertEmails, boolean reportLink,
                            int linkHours) {

    public static final String BLOCK_USER = "block-user";
    public static final String NOTIFY_USER = "notify-user";
    public static final String ALERT_EMAILS = "fraud-alert-emails";
    public static final String REPORT_LINK = "report-link";
    public static final String LINK_HOURS = "link-hours";
    static final int MAX_EMAILS = 20;
    static final int MIN_HOURS = 1;
    static final int MAX_HOURS = 168;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+");

    /** What a report does to the account. The default ends the sessions: a report means someone knows the password. */
    public enum Block {
        NONE, SIGN_OUT, DISABLE;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Block of(String id) {
            for (Block b : values()) {
                if (b.id().equals(id)) {
                    return b;
                }
            }
            return null;
        }
    }

    public static final FraudSettings DEFAULTS = new FraudSettings(Block.SIGN_OUT, true, List.of(), true, 24);

    /** Settings from stored config (values already validated on save; anything unreadable is the default). */
    public static FraudSettings from(Map<String, List<String>> config) {
        if (config == null) {
            return DEFAULTS;
        }
        Block block = Block.of(first(config, BLOCK_USER));
        String hours = first(config, LINK_HOURS);
        int linkHours;
        try {
            linkHours = hours == null ? DEFAULTS.linkHours() : Integer.parseInt(hours.trim());
        } catch (NumberFormatException e) {
            linkHours = DEFAULTS.linkHours();
        }
        return new FraudSettings(block == null ? DEFAULTS.blockUser() : block,
                bool(first(config, NOTIFY_USER), DEFAULTS.notifyUser()), emails(config.get(ALERT_EMAILS)),
                bool(first(config, REPORT_LINK), DEFAULTS.reportLink()),
                Math.max(MIN_HOURS, Math.min(MAX_HOURS, linkHours)));
    }

    /** What is wrong with this config, each problem naming its key and what it must be; empty when it can be saved. */
    public static List<String> problems(Map<String, List<String>> config) {
        List<String> problems = new ArrayList<>();
        if (config == null) {
            return problems;
        }
        String block = first(config, BLOCK_USER);
        if (block != null && Block.of(block) == null) {
            problems.add(BLOCK_USER + " must be none, sign-out or disable, not '" + block + "'");
        }
        for (String key : List.of(NOTIFY_USER, REPORT_LINK)) {
            String value = first(config, key);
            if (value != null && !value.equals("true") && !value.equals("false")) {
                problems.add(key + " must be true or false");
            }
        }
        String hours = first(config, LINK_HOURS);
        if (hours != null) {
            try {
                int h = Integer.parseInt(hours.trim());
                if (h < MIN_HOURS || h > MAX_HOURS) {
                    problems.add(LINK_HOURS + " must be from " + MIN_HOURS + " to " + MAX_HOURS);
                }
            } catch (NumberFormatException e) {
                problems.add(LINK_HOURS + " must be a whole number of hours from " + MIN_HOURS + " to " + MAX_HOURS);
            }
        }
        List<String> emails = emails(config.get(ALERT_EMAILS));
        if (emails.size() > MAX_EMAILS) {
            problems.add(ALERT_EMAILS + " holds at most " + MAX_EMAILS + " addresses");
        }
        for (String email : emails) {
            if (!EMAIL.matcher(email).matches()) {
                problems.add(ALERT_EMAILS + ": '" + email + "' is not an email address");
            }
        }
        return problems;
    }

    /** The stored form: one list of values per key. */
    public Map<String, List<String>> toConfig() {
        Map<String, List<String>> config = new LinkedHashMap<>();
        config.put(BLOCK_USER, List.of(blockUser.id()));
        config.put(NOTIFY_USER, List.of(Boolean.toString(notifyUser)));
        config.put(ALERT_EMAILS, alertEmails);
        config.put(REPORT_LINK, List.of(Boolean.toString(reportLink)));
        config.put(LINK_HOURS, List.of(Integer.toString(linkHours)));
        return config;
    }

    /** Addresses as an admin types them: one per value, or several split by commas, semicolons or blanks. */
    static List<String> emails(List<String> values) {
        List<String> emails = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                if (value != null) {
                    for (String part : value.split("[,;\\s]+|##")) {
                        if (!part.isBlank() && !emails.contains(part.trim())) {
                            emails.add(part.trim());
                        }
                    }
                }
            }
        }
        return List.copyOf(emails);
    }

    private static boolean bool(String value, boolean fallback) {
        return value == null ? fallback : Boolean.parseBoolean(value.trim());
    }

    private static String first(Map<String, List<String>> config, String key) {
        List<String> values = config.get(key);
        return values == null || values.isEmpty() || values.get(0) == null ? null : values.get(0).trim();
    }
}
