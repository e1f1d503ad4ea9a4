package org.mfasuite.keycloak.push;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.mfasuite.keycloak.push.delivery.PushTarget;
import org.mfasuite.keycloak.trust.DeviceName;

/**
 * {@code POST …/mfa-push/enroll}: a device proves it holds its new key (the body is a JWS signed by it, the public
 * key in its header) and redeems an enrolment token; the device's credential is created for the token's user.
 */
final class DeviceEnrolment {

    static final String TYPE = "mfa-push-enroll+jwt";
    private static final int MAX_NAME = 64;

    /** What the device is told: its pseudonymous id and where its API is. */
    record Enrolled(String deviceId, String credentialId, UserModel user) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    DeviceEnrolment(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    Enrolled enrol(String body) {
        long now = Time.currentTime();
        CompactJws jws = CompactJws.parse(body, TYPE, m -> DeviceApiException.badRequest("invalid_request", m));
        DeviceKey key = jws.headerKey();
        if (!jws.verifiedBy(key)) {
            throw DeviceApiException.badRequest("invalid_signature", "the enrolment is not signed by the key in its header");
        }
        JsonNode claims = jws.payload();
        if (!DpopProof.isCurrent(claims.path("iat").asLong(0), now)) {
            throw DeviceApiException.badRequest("invalid_request", "iat must be the device's current time");
        }
        String name = cleanName(claims.path("name").asText(""));
        String platform = claims.path("platform").asText("").toLowerCase(java.util.Locale.ROOT);
        if (!platform.matches("[a-z0-9-]{1,32}")) {
            throw DeviceApiException.badRequest("invalid_request", "platform must be 1 to 32 of a-z, 0-9, '-'");
        }
        PushTarget push = PushTargets.read(claims.get("push"), PushTargets.realmSettings(realm));
        Enrolments.Redeemed redeemed = new Enrolments(session, realm).redeem(claims.path("token").asText(null), now);
        UserModel user = session.users().getUserById(realm, redeemed.userId());
        if (user == null || !user.isEnabled()) {
            throw DeviceApiException.badRequest("invalid_token", "the account of this enrolment cannot enrol devices");
        }
        PushDeviceCredentialProvider provider = PushDeviceCredentialProvider.of(session);
        List<String> taken = provider.devicesOf(user).stream().map(d -> d.getUserLabel() == null ? "" : d.getUserLabel()).toList();
        String deviceId = PushDevices.newDeviceId();
        PushDeviceCredentialModel device = PushDeviceCredentialModel.create(DeviceName.unique(name, taken), platform,
                deviceId, key, push, Time.currentTimeMillis());
        String credentialId = provider.createCredential(realm, user, device).getId();
        new Enrolments(session, realm).markDone(redeemed.id(), credentialId);
        new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.UPDATE_CREDENTIAL)
                .user(user).detail(Details.CREDENTIAL_TYPE, PushDeviceCredentialModel.TYPE)
                .detail(Details.CREDENTIAL_ID, credentialId).detail(Details.CREDENTIAL_USER_LABEL, device.getUserLabel())
                .detail(PushEvents.METHOD, PushEvents.PUSH).detail(PushEvents.RESULT, "enrolled").success();
        return new Enrolled(deviceId, credentialId, user);
    }

    /** A name a person can read in the Account Console: printable, trimmed, at most 64 characters. */
    static String cleanName(String raw) {
        String name = raw == null ? "" : raw.replaceAll("\\p{C}", "").strip();
        if (name.isEmpty()) {
            return "Phone";
        }
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }
}
