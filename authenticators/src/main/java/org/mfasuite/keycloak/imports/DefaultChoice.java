package org.mfasuite.keycloak.imports;

import java.util.Locale;

/**
 * The {@code default_method} cell: {@code sms}, {@code voice}, {@code app} or {@code token}, and the words MFA
 * Server's export ({@code Text Message}, {@code Phone Call}, {@code Mobile App}, {@code OATH Token}) and Graph's
 * sign-in preferences ({@code sms}, {@code voiceMobile}, {@code voiceAlternateMobile}, {@code voiceOffice},
 * {@code push}, {@code oath}) use for them.
 *
 * @param method what becomes the default
 * @param column for a call: the number it goes to ({@code voiceOffice} → office_phone), or null for the first one
 */
public record DefaultChoice(Method method, String column) {

    public enum Method { SMS, VOICE, APP, TOKEN }

    /** Blank or {@code none}: keep the user's order. */
    public static final DefaultChoice KEEP = new DefaultChoice(null, null);

    /** The choice, {@link #KEEP}, or null when the cell names no method this suite knows. */
    public static DefaultChoice parse(String cell) {
        if (cell == null || cell.isBlank()) {
            return KEEP;
        }
        return switch (cell.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "")) {
            case "none", "unknown" -> KEEP;
            case "sms", "text", "textmessage", "onewaysms", "twowaysms" -> new DefaultChoice(Method.SMS, null);
            case "voice", "call", "phonecall", "phone", "voicemobile" -> new DefaultChoice(Method.VOICE, null);
            case "voicealternatemobile" -> new DefaultChoice(Method.VOICE, PhoneRow.ALTERNATE);
            case "voiceoffice" -> new DefaultChoice(Method.VOICE, PhoneRow.OFFICE);
            case "app", "mobileapp", "push", "authenticatorapp", "microsoftauthenticator" ->
                    new DefaultChoice(Method.APP, null);
            case "token", "oath", "oathtoken", "hardwaretoken" -> new DefaultChoice(Method.TOKEN, null);
            default -> null;
        };
    }

    public boolean keep() {
        return method == null;
    }
}
