package org.mfasuite.keycloak.push;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.mfasuite.keycloak.fraud.FraudReports;
import org.mfasuite.keycloak.registration.SecurityEmails;
import org.mfasuite.keycloak.risk.SignInRisk;
import org.mfasuite.keycloak.support.SupportDetails;

/**
 * {@code POST …/devices/{id}/challenges/{challenge}}: a device's signed approve / deny / report. "This wasn't me"
 * mutes pushes to the user, sends them a security email, is recorded as an error event admins see, and is a fraud
 * report ({@link FraudReports}: the realm's block and alert emails).
 */
final class DeviceAnswers {

    static final String TYPE = "mfa-push-answer+jwt";

    private final KeycloakSession session;
    private final RealmModel realm;

    DeviceAnswers(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    PushChallenges.Result answer(PushDevices.Found found, String challengeId, String body) {
        long now = Time.currentTime();
        CompactJws jws = CompactJws.parse(body, TYPE, m -> DeviceApiException.badRequest("invalid_request", m));
        if (!jws.verifiedBy(found.device().getKey())) {
            throw DeviceApiException.badRequest("invalid_signature", "the answer is not signed by this device's key");
        }
        JsonNode claims = jws.payload();
        if (!challengeId.equals(claims.path("challenge").asText(null))) {
            throw DeviceApiException.badRequest("invalid_request", "challenge does not match the URL");
        }
        PushChallenges.Action action = action(claims.path("action").asText(""));
        JsonNode number = claims.get("number");
        if (action == PushChallenges.Action.APPROVE && (number == null || !number.canConvertToInt())) {
            throw DeviceApiException.badRequest("invalid_request", "approve needs the number the user typed or picked");
        }
        if (!DpopProof.isCurrent(claims.path("iat").asLong(0), now)) {
            throw DeviceApiException.badRequest("invalid_request", "iat must be the device's current time");
        }
        String jti = claims.path("jti").asText("");
        if (jti.length() < 16 || !session.singleUseObjects().putIfAbsent(
                "mfa-push:answer-jti:" + found.device().getKeyThumbprint() + ":" + jti, DpopProof.REPLAY_WINDOW_SECONDS)) {
            throw DeviceApiException.badRequest("invalid_request", "jti missing or used before");
        }
        PushChallenges.Outcome outcome = new PushChallenges(session.singleUseObjects()).answer(challengeId,
                found.user().getId(), action, number == null ? null : number.asInt(), found.device().getUserLabel(),
                found.device().getId(), now);
        switch (outcome.recorded()) {
            case NOT_FOUND -> throw new DeviceApiException(404, "challenge_not_found", "no such request for this device");
            case EXPIRED -> {
                SignInRisk.pushUnanswered(session, realm, found.user(), challengeId);
                throw new DeviceApiException(404, "challenge_not_found", "the request expired");
            }
            case ALREADY_ANSWERED -> throw new DeviceApiException(409, "already_answered", "the request was answered before");
            default -> {
            }
        }
        record(found, outcome);
        if (outcome.result() == PushChallenges.Result.DENIED) {
            // counted where the answer lands: the browser that asked may never come back to look
            SignInRisk.pushUnanswered(session, realm, found.user(), challengeId);
        }
        if (outcome.result() == PushChallenges.Result.REPORTED) {
            PushChallenge challenge = outcome.challenge();
            new PushMute(session.singleUseObjects()).mute(realm.getId(), found.user().getId(), challenge.muteMinutes(), now);
            SecurityEmails.of(session, realm).send(found.user(), SecurityEmails.Kind.PUSH_REPORTED,
                    new SecurityEmails.Method(PushDeviceCredentialModel.TYPE, found.device().getUserLabel()),
                    challenge.ip(), challenge.browser() + (challenge.os() == null || challenge.os().isEmpty() ? "" : " on " + challenge.os()));
            FraudReports.report(session, realm, found.user(), new FraudReports.Report(PushEvents.PUSH,
                    SupportDetails.referenceOf(challenge.id()), challenge.ip(), challenge.client()), true);
        }
        return outcome.result();
    }

    private void record(PushDevices.Found found, PushChallenges.Outcome outcome) {
        PushChallenge challenge = outcome.challenge();
        EventBuilder event = PushEvents.activity(new EventBuilder(realm, session, session.getContext().getConnection()),
                PushEvents.STEP_ANSWER).user(found.user()).detail("mfa_signin_ip", challenge.ip())
                .detail(PushEvents.CHALLENGE, challenge.id()).detail(PushEvents.DEVICE, found.device().getUserLabel())
                .detail(PushEvents.RESULT, outcome.result().wireName());
        switch (outcome.result()) {
            case REPORTED -> event.error(PushEvents.ERROR_REPORTED);
            case WRONG_NUMBER -> event.error("mfa_push_wrong_number");
            default -> event.success();
        }
    }

    private static PushChallenges.Action action(String value) {
        return switch (value) {
            case "approve" -> PushChallenges.Action.APPROVE;
            case "deny" -> PushChallenges.Action.DENY;
            case "report" -> PushChallenges.Action.REPORT;
            default -> throw DeviceApiException.badRequest("invalid_request", "action must be approve, deny or report");
        };
    }
}
