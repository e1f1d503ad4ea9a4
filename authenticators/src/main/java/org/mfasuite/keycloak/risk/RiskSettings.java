package org.mfasuite.keycloak.risk;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mfasuite.keycloak.core.RiskLevel;

/**
 * How a realm judges sign-in risk. Read from and written to one place, the realm's {@code mfa-risk-settings}
 * component ({@link RiskSettingsStore}); the keys are a public contract, the same in the component's config and in
 * {@code GET/PUT /admin/realms/{realm}/mfa/risk-settings}.
 *
 * @param historyDays      how long a successful sign-in is kept in the user's history
 * @param locationSignIns  how many of the user's latest sign-ins a familiar location must be among
 * @param sprayUsers       distinct users an address failed passwords for in the hour that make it a spray source
 * @param fatiguePushes    pushes to a user denied or unanswered in the hour that make MFA fatigue
 * @param signalLevels     the level each signal alone gives ({@code none}: the signal is shown but adds no risk)
 * @param twoSignalsLevel  the least level of a sign-in with two or more signals that give risk
 */
public record RiskSettings(int historyDays, int locationSignIns, int sprayUsers, int fatiguePushes,
                           Map<RiskSignal, RiskLevel> signalLevels, RiskLevel twoSignalsLevel) {

    public static final String HISTORY_DAYS = "history-days";
    public static final String LOCATION_SIGN_INS = "location-sign-ins";
    public static final String SPRAY_USERS = "spray-users";
    public static final String FATIGUE_PUSHES = "fatigue-pushes";
    public static final String LEVEL_PREFIX = "level-";
    public static final String TWO_SIGNALS = "level-two-signals";

    /** Each whole-number key with its allowed range (inclusive). */
    static final Map<String, int[]> RANGES = Map.of(HISTORY_DAYS, new int[] {1, 3650},
            LOCATION_SIGN_INS, new int[] {1, 100}, SPRAY_USERS, new int[] {2, 1000}, FATIGUE_PUSHES, new int[] {1, 100});

    public static final RiskSettings DEFAULTS = new RiskSettings(90, 10, 10, 3, defaultLevels(), RiskLevel.MEDIUM);

    public RiskSettings {
        Map<RiskSignal, RiskLevel> levels = new EnumMap<>(defaultLevels());
        if (signalLevels != null) {
            levels.putAll(signalLevels);
        }
        signalLevels = java.util.Collections.unmodifiableMap(levels);
        twoSignalsLevel = twoSignalsLevel == null ? RiskLevel.MEDIUM : twoSignalsLevel;
    }

    private static Map<RiskSignal, RiskLevel> defaultLevels() {
        Map<RiskSignal, RiskLevel> levels = new EnumMap<>(RiskSignal.class);
        levels.put(RiskSignal.UNFAMILIAR_DEVICE, RiskLevel.LOW);
        levels.put(RiskSignal.UNFAMILIAR_LOCATION, RiskLevel.LOW);
        levels.put(RiskSignal.IMPOSSIBLE_TRAVEL, RiskLevel.HIGH);
        levels.put(RiskSignal.ANONYMOUS_NETWORK, RiskLevel.MEDIUM);
        levels.put(RiskSignal.PASSWORD_SPRAY, RiskLevel.HIGH);
        levels.put(RiskSignal.MFA_FATIGUE, RiskLevel.MEDIUM);
        return levels;
    }

    /** The key of a signal's level, e.g. {@code level-unfamiliar-device}. */
    public static String levelKey(RiskSignal signal) {
        return LEVEL_PREFIX + signal.id();
    }

    /** Every key, in the order the REST answer lists them. */
    public static List<String> keys() {
        List<String> keys = new ArrayList<>(List.of(HISTORY_DAYS, LOCATION_SIGN_INS, SPRAY_USERS, FATIGUE_PUSHES));
        for (RiskSignal s : RiskSignal.values()) {
            keys.add(levelKey(s));
        }
        keys.add(TWO_SIGNALS);
        return keys;
    }

    /** Settings from stored config (validated on save; anything unreadable is the default). */
    public static RiskSettings from(Map<String, List<String>> config) {
        if (config == null) {
            return DEFAULTS;
        }
        Map<RiskSignal, RiskLevel> levels = new EnumMap<>(RiskSignal.class);
        for (RiskSignal s : RiskSignal.values()) {
            RiskLevel level = RiskLevel.parse(first(config, levelKey(s)));
            levels.put(s, level == null ? DEFAULTS.signalLevels().get(s) : level);
        }
        RiskLevel two = RiskLevel.parse(first(config, TWO_SIGNALS));
        return new RiskSettings(number(config, HISTORY_DAYS, DEFAULTS.historyDays),
                number(config, LOCATION_SIGN_INS, DEFAULTS.locationSignIns), number(config, SPRAY_USERS, DEFAULTS.sprayUsers),
                number(config, FATIGUE_PUSHES, DEFAULTS.fatiguePushes), levels, two == null ? DEFAULTS.twoSignalsLevel : two);
    }

    /** What is wrong with this config, each problem naming its key; empty when it can be saved. */
    public static List<String> problems(Map<String, List<String>> config) {
        List<String> problems = new ArrayList<>();
        if (config == null) {
            return problems;
        }
        for (String key : List.of(HISTORY_DAYS, LOCATION_SIGN_INS, SPRAY_USERS, FATIGUE_PUSHES)) {
            String value = first(config, key);
            int[] range = RANGES.get(key);
            if (value == null) {
                continue;
            }
            try {
                int n = Integer.parseInt(value);
                if (n < range[0] || n > range[1]) {
                    problems.add(key + " must be from " + range[0] + " to " + range[1]);
                }
            } catch (NumberFormatException e) {
                problems.add(key + " must be a whole number from " + range[0] + " to " + range[1]);
            }
        }
        List<String> levelKeys = new ArrayList<>();
        for (RiskSignal s : RiskSignal.values()) {
            levelKeys.add(levelKey(s));
        }
        levelKeys.add(TWO_SIGNALS);
        for (String key : levelKeys) {
            String value = first(config, key);
            if (value != null && RiskLevel.parse(value) == null) {
                problems.add(key + " must be none, low, medium or high, not '" + value + "'");
            }
        }
        return problems;
    }

    /** The stored form: one list of values per key. */
    public Map<String, List<String>> toConfig() {
        Map<String, List<String>> config = new LinkedHashMap<>();
        toJson().forEach((k, v) -> config.put(k, List.of(String.valueOf(v))));
        return config;
    }

    /** The REST form: numbers as numbers, levels by id. */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(HISTORY_DAYS, historyDays);
        out.put(LOCATION_SIGN_INS, locationSignIns);
        out.put(SPRAY_USERS, sprayUsers);
        out.put(FATIGUE_PUSHES, fatiguePushes);
        for (RiskSignal s : RiskSignal.values()) {
            out.put(levelKey(s), signalLevels.get(s).id());
        }
        out.put(TWO_SIGNALS, twoSignalsLevel.id());
        return out;
    }

    private static int number(Map<String, List<String>> config, String key, int fallback) {
        String value = first(config, key);
        int[] range = RANGES.get(key);
        try {
            return value == null ? fallback : Math.max(range[0], Math.min(range[1], Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String first(Map<String, List<String>> config, String key) {
        List<String> values = config.get(key);
        return values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank() ? null
                : values.get(0).trim();
    }
}
