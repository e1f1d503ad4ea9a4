package org.mfasuite.keycloak.sms;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;
import org.mfasuite.keycloak.challenge.ChallengeStore;
import org.mfasuite.keycloak.challenge.CodeChallenge;
import org.mfasuite.keycloak.challenge.Pepper;
import org.mfasuite.keycloak.challenge.RealmPepperKeys;
import org.mfasuite.keycloak.challenge.SendLimiter;
import org.mfasuite.keycloak.gateway.PhoneMask;
import org.mfasuite.keycloak.gateway.Channel;
import org.mfasuite.keycloak.gateway.MessageDispatcher;
import org.mfasuite.keycloak.gateway.MessageDispatcher.Dispatch;
import org.mfasuite.keycloak.gateway.OutgoingMessage;

/**
 * Sends a fresh code to a phone, within the resend delay and the per-user send limit, and keeps only its
 * hash in the authentication session. Shared by the sign-in step and phone registration.
 */
public final class SmsCodeSender {

    private static final Logger LOG = Logger.getLogger(SmsCodeSender.class);
    /** Failures after which the message may still have reached the phone. */
    private static final Set<String> UNSURE_FAILURES = Set.of("timeout", "io_error", "error");

    /** What became of a send request. {@code seconds}: wait time for TOO_SOON and LIMITED. */
    public record Result(Status status, long seconds) {
        public boolean sent() {
            return status == Status.SENT;
        }

        /** The message key telling the user why nothing was sent. */
        public String problemKey(String gatewayFailedKey) {
            return switch (status) {
                case TOO_SOON -> "mfa-sms-resend-too-soon";
                case LIMITED -> "mfa-sms-send-limit";
                default -> gatewayFailedKey;
            };
        }

        /** Its argument: seconds to wait, or whole minutes when the send limit is reached. */
        public Object[] problemArgs() {
            return switch (status) {
                case TOO_SOON -> new Object[]{seconds};
                case LIMITED -> new Object[]{Math.max(1, (seconds + 59) / 60)};
                default -> new Object[0];
            };
        }
    }

    public enum Status { SENT, TOO_SOON, LIMITED, FAILED }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel user;
    private final SmsSettings settings;
    private final ChallengeStore store;
    private final String provider;

    /** @param provider the provider id sending (for events and the store), e.g. {@code mfa-sms} */
    public SmsCodeSender(KeycloakSession session, RealmModel realm, UserModel user, SmsSettings settings,
                         ChallengeStore store, String provider) {
        this.session = session;
        this.realm = realm;
        this.user = user;
        this.settings = settings;
        this.store = store;
        this.provider = provider;
    }

    /**
     * @param target       what the challenge is bound to (credential id, or the number during registration)
     * @param e164         where the code goes
     * @param enforceDelay whether the resend delay applies (not to the first code of a sign-in)
     */
    public Result send(String target, String e164, boolean enforceDelay, EventBuilder flowEvent) {
        long now = Time.currentTime();
        flowEvent = flowEvent.clone().user(user);
        String masked = PhoneMask.mask(e164);
        // Checked before a send slot is taken: a realm without a key must not use up the user's sends.
        Pepper pepper = new RealmPepperKeys(session, realm).active().orElse(null);
        if (pepper == null) {
            LOG.warnf("Realm %s has no readable HS512 key: SMS codes are not sent", realm.getName());
            SmsEvents.send(flowEvent, provider, masked).detail(SmsEvents.RESULT, "failed").detail(Details.REASON, "no_key")
                    .error("mfa_no_key");
            return new Result(Status.FAILED, 0);
        }
        SendLimiter limiter = new SendLimiter(session.singleUseObjects());
        SendLimiter.Decision decision = limiter.acquire(realm.getId() + ":" + user.getId(), now, settings.code(), enforceDelay);
        if (decision.status() != SendLimiter.Status.ALLOWED) {
            boolean tooSoon = decision.status() == SendLimiter.Status.TOO_SOON;
            SmsEvents.send(flowEvent, provider, masked).detail(Details.REASON, tooSoon ? "resend_too_soon" : "send_limit")
                    .error(tooSoon ? "mfa_resend_too_soon" : "mfa_send_limit");
            return new Result(tooSoon ? Status.TOO_SOON : Status.LIMITED, decision.seconds());
        }

        String code = CodeChallenge.newCode(settings.code().length());
        OutgoingMessage message = new OutgoingMessage(realm.getName(), Channel.SMS, e164, text(code), code);
        Dispatch dispatch = new MessageDispatcher(session).dispatch(settings.gateways(), message);
        if (!dispatch.sent()) {
            // Refused or rejected: nothing went out, so the send counts neither toward the limit nor the
            // resend delay. A timeout may still have delivered: that one keeps its slot.
            if (!UNSURE_FAILURES.contains(dispatch.failureReason())) {
                limiter.release(decision);
            }
            SmsEvents.send(flowEvent, provider, masked).detail(SmsEvents.GATEWAY, dispatch.failedGateway())
                    .detail(SmsEvents.RESULT, "failed").detail(Details.REASON, dispatch.failureReason())
                    .error("mfa_gateway_failed");
            return new Result(Status.FAILED, 0);
        }
        store.save(CodeChallenge.issue(target, code, now, settings.code(), pepper));
        SmsEvents.send(flowEvent, provider, masked).detail(SmsEvents.GATEWAY, dispatch.receipt().gatewayId())
                .detail(SmsEvents.MESSAGE_ID, dispatch.receipt().messageId())
                .detail(SmsEvents.RESULT, "sent").success();
        return new Result(Status.SENT, 0);
    }

    /** The SMS text in the user's language, ending with the origin-bound line browsers autofill from. */
    private String text(String code) {
        Locale locale = session.getContext().resolveLocale(user);
        int minutes = Math.max(1, settings.code().ttlSeconds() / 60);
        String name = realm.getDisplayName() == null || realm.getDisplayName().isBlank() ? realm.getName() : realm.getDisplayName();
        String pattern = "{0} is your {1} code. It expires in {2} minutes.";
        try {
            Properties messages = session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale);
            pattern = messages.getProperty("mfa-sms-text", pattern);
        } catch (IOException e) {
            LOG.debug("Login theme messages unavailable; using the built-in SMS text", e);
        }
        String text = new MessageFormat(pattern, locale).format(new Object[]{code, name, minutes});
        String host = session.getContext().getUri().getBaseUri().getHost();
        return text + "\n\n@" + host + " #" + code;
    }
}
