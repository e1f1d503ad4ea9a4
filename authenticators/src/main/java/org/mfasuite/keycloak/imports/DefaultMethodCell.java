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
public record DefaultMethodCell(Method method, String column) {

    public enum Method { SMS, VOICE, APP, TOKEN }

    /** Blank or {@code none}: keep the user's order. */
    public static final DefaultMethodCell KEEP = new DefaultMethodCell(null, null);

    /** The choice, {@link #KEEP}, or null when the cell names no method this suite knows. */
    public static DefaultMethodCell parse(String cell) {
        if (cell == null || cell.isBlank()) {
            return KEEP;
        }
        return switch (cell.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "")) {
            case "none", "unknown" -> KEEP;
            case "sms", "text", "textmessage", "onewaysms", "twowaysms" -> new DefaultMethodCell(Method.SMS, null);
            case "voice", "call", "phonecall", "phone", "voicemobile" -> new DefaultMethodCell(Method.VOICE, null);
            case "voicealternatemobile" -> new DefaultMethodCell(Method.VOICE, PhoneRow.ALTERNATE);
            case "voiceoffice" -> new DefaultMethodCell(Method.VOICE, PhoneRow.OFFICE);
            case "app", "mobileapp", "push", "authenticatorapp", "microsoftauthenticator" ->
                    new DefaultMethodCell(Method.APP, null);
            case "token", "oath", "oathtoken", "hardwaretoken" -> new DefaultMethodCell(Method.TOKEN, null);
            default -> null;
        };
    }

    public boolean keep() {
        return method == null;
    }
}
