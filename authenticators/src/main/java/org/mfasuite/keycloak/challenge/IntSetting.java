package org.mfasuite.keycloak.challenge;

import java.util.Map;

import org.keycloak.provider.ProviderConfigProperty;

/**
 * One whole-number setting of a config map: its key, bounds and default, defined once. Reading clamps,
 * so a typo never weakens a limit; {@link #problem} names the field and its range for save-time checks.
 */
public record IntSetting(String key, int min, int max, int fallback, String label, String help) {

    /** The value in {@code config}: the default when missing or unreadable, clamped to the bounds. */
    public int read(Map<String, String> config) {
        String raw = config == null ? null : config.get(key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Math.max(min, Math.min(max, Integer.parseInt(raw.trim())));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** What is wrong with the value in {@code config}, for the admin; null when it is fine or unset. */
    public String problem(Map<String, String> config) {
        String raw = config == null ? null : config.get(key);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            return v < min || v > max ? range() : null;
        } catch (NumberFormatException e) {
            return range();
        }
    }

    /** The admin console's field: a number input whose help states what it is for, its range and default. */
    public ProviderConfigProperty property(String appliesTo) {
        ProviderConfigProperty p = new ProviderConfigProperty();
        p.setName(key);
        p.setLabel(label);
        p.setHelpText(help + " " + min + " to " + max + ", default " + fallback + ". " + appliesTo);
        p.setType(ProviderConfigProperty.INTEGER_TYPE);
        p.setDefaultValue(String.valueOf(fallback));
        return p;
    }

    private String range() {
        return label + " (" + key + ") must be a whole number from " + min + " to " + max;
    }
}
