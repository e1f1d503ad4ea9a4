package org.mfasuite.keycloak.sms;

import java.util.Locale;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.mfasuite.keycloak.challenge.ChallengeStore;
import org.mfasuite.keycloak.challenge.CodeChallenge;
import org.mfasuite.keycloak.challenge.Pepper;
import org.mfasuite.keycloak.challenge.RealmPepperKeys;
import org.mfasuite.keycloak.challenge.SendQuota;
import org.mfasuite.keycloak.fraud.FraudLinks;
import org.mfasuite.keycloak.gateway.MessageDispatcher;
import org.mfasuite.keycloak.gateway.MessageGateway;
import org.mfasuite.keycloak.gateway.MessageDispatcher.Dispatch;
import org.mfasuite.keycloak.gateway.OutgoingMessage;
import org.mfasuite.keycloak.gateway.PhoneMask;
import org.mfasuite.keycloak.support.SupportDetails;

/**
 * Sends a fresh code to a phone, by text or by call, once the realm's rules allow it (allowed regions, the
 * user's limits, the number, address and realm budgets, which texts and calls share) and keeps only its hash in
 * the authentication session. Shared by the SMS and voice sign-in steps and phone registration.
 */
public final class PhoneCodeSender {

    private static final Logger LOG = Logger.getLogger(PhoneCodeSender.class);

    /** SENT, or why nothing was sent; each refusal is recorded with its own event error. */
    public enum Status { SENT, REGION_NOT_ALLOWED, TOO_SOON, USER_LIMIT, NUMBER_LIMIT, IP_LIMIT, REALM_LIMIT, FAILED }

    /**
     * What became of a send request.
     *
     * @param waitSeconds when the refusing limit lets a code go again
     * @param sentAgo     for TOO_SOON: seconds since the user's latest code
     * @param attempted   a send was attempted and counts toward the user's limits (sent, or the gateway failed)
     */
    public record Result(Status status, long waitSeconds, long sentAgo, boolean attempted) {
        Result(Status status, long waitSeconds) {
            this(status, waitSeconds, 0, status == Status.SENT);
        }

        public boolean sent() {
            return status == Status.SENT;
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel user;
    private final SmsSettings settings;
    private final PhonePolicy policy;
    private final ChallengeStore store;
    private final String provider;
    private final PhoneChannel channel;
    private final CallSettings call;

    /**
     * @param provider the provider id sending (for events), e.g. {@code mfa-sms}
     * @param channel  text or call
     * @param call     for calls: caller id and repeats
     */
    public PhoneCodeSender(KeycloakSession session, RealmModel realm, UserModel user, SmsSettings settings,
                           PhonePolicy policy, ChallengeStore store, String provider, PhoneChannel channel,
                           CallSettings call) {
        this.session = session;
        this.realm = realm;
        this.user = user;
        this.settings = settings;
        this.policy = policy;
        this.store = store;
        this.provider = provider;
        this.channel = channel;
        this.call = call == null ? CallSettings.DEFAULTS : call;
    }

    /**
     * @param target       what the challenge is bound to (credential id, or the number during registration)
     * @param e164         where the code goes
     * @param enforceDelay whether the resend delay applies (not to the first code of a sign-in)
     */
    public Result send(String target, String e164, boolean enforceDelay, CodeText.Purpose purpose, EventBuilder flowEvent) {
        long now = Time.currentTime();
        EventBuilder event = SmsEvents.send(flowEvent.clone().user(user), provider, channel, PhoneMask.mask(e164));
        if (!policy.allows(e164)) {
            return refused(event, new Result(Status.REGION_NOT_ALLOWED, 0), "region_" + PhoneNumbers.regionOf(e164));
        }
        // Checked before any place in the limits is taken: a realm without a key must not use up sends.
        Pepper pepper = new RealmPepperKeys(session, realm).active().orElse(null);
        if (pepper == null) {
            alertOnce("no-key", 3600, () -> LOG.errorf("Realm %s has no readable HS512 key: phone codes are not sent",
                    realm.getName()));
            event.detail(SmsEvents.RESULT, "failed").detail(Details.REASON, "no_key").error("mfa_no_key");
            return new Result(Status.FAILED, 0);
        }
        SendQuota quota = new SendQuota(session.singleUseObjects());
        SendQuota.Permit permit = quota.acquire(new SendQuota.Request(realm.getId(), user.getId(), e164,
                ClientAddress.budgetKey(session.getContext().getConnection().getRemoteAddr()), enforceDelay), now,
                policy.limits());
        if (!permit.allowed()) {
            Status status = Status.valueOf(permit.status().name());
            long sentAgo = status == Status.TOO_SOON ? policy.limits().resendDelaySeconds() - permit.waitSeconds() : 0;
            Result result = new Result(status, permit.waitSeconds(), sentAgo, false);
            if (result.status() == Status.REALM_LIMIT) {
                alertOnce("realm-limit:" + now / 3600, 3600, () -> LOG.errorf(
                        "Realm %s reached its SMS and call budget (realm-hourly-limit=%d): no codes are sent until the hour ends",
                        realm.getName(), policy.limits().realmHourlyLimit()));
            }
            return refused(event, result, null);
        }

        alertOnMissingGateways();
        String code = CodeChallenge.newCode(settings.code().length());
        CodeText.Wording wording = CodeText.of(session, realm, user, channel, purpose, code, settings.code().ttlMinutes(),
                call.repeatCount(), purpose == CodeText.Purpose.SIGN_IN ? reportLink(flowEvent) : null);
        Dispatch dispatch = new MessageDispatcher(session).dispatch(settings.gateways(),
                new OutgoingMessage(realm.getName(), channel.gatewayChannel(), e164, wording.text(), code,
                        wording.language(), channel == PhoneChannel.VOICE ? call.from() : null));
        if (!dispatch.sent()) {
            // Only a send that certainly went nowhere gives its places back: a timeout or a 5xx may still deliver.
            if (dispatch.certainlyNotSent()) {
                quota.notDelivered(permit);
            } else {
                quota.commit(permit);
            }
            event.detail(SmsEvents.GATEWAY, dispatch.failedGateway()).detail(SmsEvents.RESULT, "failed")
                    .detail(Details.REASON, dispatch.failureReason()).error("mfa_gateway_failed");
            return new Result(Status.FAILED, 0, 0, true);
        }
        quota.commit(permit);
        store.save(CodeChallenge.issue(target, code, now, settings.code(), pepper));
        event.detail(SmsEvents.GATEWAY, dispatch.receipt().gatewayId())
                .detail(SmsEvents.MESSAGE_ID, dispatch.receipt().messageId())
                .detail(SmsEvents.RESULT, "sent").success();
        return new Result(Status.SENT, 0);
    }

    /**
     * The "Not you?" link of a sign-in's code, naming the sign-in by the reference on its event ({@code mfa_ref});
     * null when the realm turned links off.
     */
    private String reportLink(EventBuilder flowEvent) {
        java.util.Map<String, String> details = flowEvent.getEvent().getDetails();
        String reference = details == null ? null : details.get(SupportDetails.EVENT_DETAIL);
        String client = session.getContext().getClient() == null ? null : session.getContext().getClient().getClientId();
        return FraudLinks.issue(session, realm, user.getId(), channel.method(), reference,
                session.getContext().getConnection().getRemoteAddr(), client);
    }

    /**
     * Seconds until this user's own limits let a code go (0: now), taking nothing: a send button waits that
     * long instead of offering a send that must fail.
     */
    public long waitSeconds(boolean enforceDelay) {
        return new SendQuota(session.singleUseObjects()).userWaitSeconds(realm.getId(), user.getId(), Time.currentTime(),
                policy.limits(), enforceDelay);
    }

    private static Result refused(EventBuilder event, Result result, String reason) {
        String error = switch (result.status()) {
            case TOO_SOON -> "mfa_resend_too_soon";
            case USER_LIMIT -> "mfa_send_limit";
            default -> "mfa_" + result.status().name().toLowerCase(Locale.ROOT);
        };
        event.detail(SmsEvents.RESULT, "refused").detail(Details.REASON, reason != null ? reason : error.substring(4))
                .error(error);
        return result;
    }

    /** A gateway named in the settings but not installed (removed after set-up, or typed by hand) is an admin's problem. */
    private void alertOnMissingGateways() {
        for (String id : settings.gateways()) {
            if (session.getKeycloakSessionFactory().getProviderFactory(MessageGateway.class, id) == null) {
                alertOnce("unknown-gateway:" + id, 3600, () -> LOG.errorf("Realm %s: %s names message gateway '%s', "
                        + "which is not installed: it cannot send. Pick an installed gateway in its settings.",
                        realm.getName(), provider, id));
            }
        }
    }

    /** Logs a problem the admin must fix once per period across the cluster, not on every sign-in. */
    private void alertOnce(String what, long periodSeconds, Runnable log) {
        if (session.singleUseObjects().putIfAbsent("mfa-alert:" + realm.getId() + ":" + what, periodSeconds)) {
            log.run();
        }
    }
}
