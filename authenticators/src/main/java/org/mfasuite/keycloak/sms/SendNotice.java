package org.mfasuite.keycloak.sms;

import org.keycloak.forms.login.MessageType;

/**
 * What a page says when no code was sent, at the level it deserves: a wait is information, a limit a
 * warning, a failure an error. Shared by the sign-in step and registration.
 *
 * @param type message level
 * @param key  message key
 * @param args its arguments
 */
record SendNotice(MessageType type, String key, Object... args) {

    /**
     * @param result    the refused or failed send
     * @param regionKey the message for a country that is not allowed (the field's or the page's)
     * @param channel   text or call: what could not be sent is said in its words
     */
    static SendNotice of(PhoneCodeSender.Result result, String regionKey, PhoneChannel channel) {
        long minutes = Math.max(1, (result.waitSeconds() + 59) / 60);
        return switch (result.status()) {
            case TOO_SOON -> new SendNotice(MessageType.INFO, "mfa-sms-wait", result.sentAgo(), result.waitSeconds());
            case USER_LIMIT -> new SendNotice(MessageType.WARNING, "mfa-sms-send-limit", minutes);
            case NUMBER_LIMIT -> new SendNotice(MessageType.ERROR, "mfa-sms-number-limit", minutes);
            case IP_LIMIT -> new SendNotice(MessageType.ERROR, "mfa-sms-ip-limit", minutes);
            case REALM_LIMIT -> new SendNotice(MessageType.ERROR, channel.key("unavailable"));
            case REGION_NOT_ALLOWED -> new SendNotice(MessageType.ERROR, regionKey);
            default -> new SendNotice(MessageType.ERROR, channel.key("gateway-failed"));
        };
    }

    /** No send button can help until something changes (the realm budget, the country). */
    static boolean isFinal(PhoneCodeSender.Result result) {
        return result.status() == PhoneCodeSender.Status.REALM_LIMIT
                || result.status() == PhoneCodeSender.Status.REGION_NOT_ALLOWED;
    }
}
