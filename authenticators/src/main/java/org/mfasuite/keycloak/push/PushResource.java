package org.mfasuite.keycloak.push;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;
import org.keycloak.util.JsonSerialization;

/**
 * {@code /realms/{realm}/mfa-push}: the device API (enrol; with a DPoP proof: pending requests, answers, key
 * rotation, push settings, unenrol; CORS for the companion app's own origin when it has one), the login page's
 * wait, and the companion app. Routes and maps errors; the work is done by {@link DeviceEnrolment},
 * {@link DeviceAnswers} and the stores.
 */
public class PushResource {

    /** Longest hold of one wait request; the page asks again. */
    static final int WAIT_SECONDS = 20;
    /** Seconds a page told 429 waits before it asks again. */
    static final String RETRY_AFTER_SECONDS = "3";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PushWaits waits;

    public PushResource(KeycloakSession session, PushWaits waits) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.waits = waits;
    }

    /** What an app needs before it enrols: the realm's name and the Web Push application server key. */
    @GET
    @Path("config")
    public Response config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("realm", realm.getName());
        config.put("display_name", displayName());
        // read only: an unauthenticated call never creates the realm's key (the first enrolment code does)
        String vapidKey = PushNotifier.vapidPublicKey(session, realm);
        if (vapidKey != null) {
            config.put("vapid_public_key", vapidKey);
        }
        return cors(json(200, config));
    }

    @POST
    @Path("enroll")
    public Response enroll(String body) {
        return cors(answerWith(() -> {
            DeviceEnrolment.Enrolled enrolled = new DeviceEnrolment(session, realm).enrol(body);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("device_id", enrolled.deviceId());
            answer.put("realm", realm.getName());
            answer.put("display_name", displayName());
            answer.put("api", PushUrls.base(session, realm) + "/devices/" + enrolled.deviceId());
            return json(201, answer);
        }));
    }

    @GET
    @Path("devices/{device}/challenges")
    public Response challenges(@PathParam("device") String deviceId, @HeaderParam("DPoP") String proof) {
        return cors(answerWith(() -> {
            PushDevices.Found found = device(deviceId, proof, "GET");
            List<Map<String, Object>> pending = new PushChallenges(session.singleUseObjects())
                    .pending(found.user().getId(), Time.currentTime()).stream().map(PushResource::describe).toList();
            return json(200, Map.of("challenges", pending));
        }));
    }

    @POST
    @Path("devices/{device}/challenges/{challenge}")
    public Response answer(@PathParam("device") String deviceId, @PathParam("challenge") String challengeId,
                           @HeaderParam("DPoP") String proof, String body) {
        return cors(answerWith(() -> {
            PushDevices.Found found = device(deviceId, proof, "POST");
            PushChallenges.Result result = new DeviceAnswers(session, realm).answer(found, challengeId, body);
            return json(200, Map.of("result", result.wireName()));
        }));
    }

    @PUT
    @Path("devices/{device}/key")
    public Response rotateKey(@PathParam("device") String deviceId, @HeaderParam("DPoP") String proof, String body) {
        return cors(answerWith(() -> {
            PushDevices.Found found = device(deviceId, proof, "PUT");
            CompactJws jws = CompactJws.parse(body, "mfa-push-key+jwt", m -> DeviceApiException.badRequest("invalid_request", m));
            DeviceKey key = jws.headerKey();
            if (!jws.verifiedBy(key)) {
                throw DeviceApiException.badRequest("invalid_signature", "the new key did not sign the request");
            }
            JsonNode claims = jws.payload();
            long now = Time.currentTime();
            if (!deviceId.equals(claims.path("device_id").asText(null))
                    || !DpopProof.isCurrent(claims.path("iat").asLong(0), now)) {
                throw DeviceApiException.badRequest("invalid_request", "device_id and a current iat are required");
            }
            PushDeviceCredentialProvider.of(session).update(found.user(),
                    found.device().withKey(key, Time.currentTimeMillis()));
            return json(200, Map.of("device_id", deviceId));
        }));
    }

    @PUT
    @Path("devices/{device}/push")
    public Response updatePush(@PathParam("device") String deviceId, @HeaderParam("DPoP") String proof, String body) {
        return cors(answerWith(() -> {
            PushDevices.Found found = device(deviceId, proof, "PUT");
            JsonNode push;
            try {
                push = body == null || body.length() > CompactJws.MAX_LENGTH ? null : JsonSerialization.mapper.readTree(body);
            } catch (IOException e) {
                push = null;
            }
            if (push == null) {
                throw DeviceApiException.badRequest("invalid_request", "body must be a JSON object");
            }
            PushDeviceCredentialProvider.of(session).update(found.user(), found.device().withPush(PushTargets.read(push, PushTargets.realmSettings(realm))));
            return Response.noContent().build();
        }));
    }

    @DELETE
    @Path("devices/{device}")
    public Response unenrol(@PathParam("device") String deviceId, @HeaderParam("DPoP") String proof) {
        return cors(answerWith(() -> {
            PushDevices.Found found = device(deviceId, proof, "DELETE");
            PushDeviceCredentialProvider.of(session).deleteCredential(realm, found.user(), found.device().getId());
            new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.REMOVE_CREDENTIAL)
                    .user(found.user()).detail(Details.CREDENTIAL_TYPE, PushDeviceCredentialModel.TYPE)
                    .detail(Details.CREDENTIAL_ID, found.device().getId())
                    .detail(Details.CREDENTIAL_USER_LABEL, found.device().getUserLabel()).success();
            return Response.noContent().build();
        }));
    }

    /**
     * The login page's wait: answers {@code done} as soon as the request with this id was answered (or the
     * enrolment with this id finished) on any node, {@code ended} once it is over, else {@code pending} after at
     * most {@value #WAIT_SECONDS} s. Only the browser whose authentication session (its cookie, and the tab's id)
     * currently waits on this id is answered; anyone else gets 403 at once. While it waits the request holds no
     * thread: it is suspended, and {@link PushWaits} answers it from a tick on Keycloak's executor, reading the
     * cluster-wide store in a session of its own. Beyond this node's cap: 429 with {@code Retry-After}.
     */
    @GET
    @Path("wait/{handle}")
    public void await(@PathParam("handle") String handle, @QueryParam("tab_id") String tabId,
                      @Suspended AsyncResponse response) {
        PushWaits.Target target = ownedTarget(handle, tabId);
        if (target == null) {
            response.resume(json(403, Map.of("status", "refused")));
            return;
        }
        long now = Time.currentTime();
        PushWaits.Status status = target.check(session.singleUseObjects(), now);
        if (status != null) {
            response.resume(waitAnswer(status));
            return;
        }
        long seconds = Math.max(1, Math.min(WAIT_SECONDS, target.expires() - now));
        long due = System.nanoTime() + seconds * 1_000_000_000L;
        if (!waits.hold(target, due, answered -> response.resume(waitAnswer(answered)))) {
            response.resume(Response.status(429).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("status", "busy")).header("Retry-After", RETRY_AFTER_SECONDS)
                    .cacheControl(noStore()).build());
        }
    }

    /** What the caller's browser tab waits on under this id, or null when it does not wait on it. */
    private PushWaits.Target ownedTarget(String handle, String tabId) {
        if (handle == null || tabId == null) {
            return null;
        }
        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session).getCurrentRootAuthenticationSession(realm);
        AuthenticationSessionModel tab = root == null ? null : root.getAuthenticationSessions().get(tabId);
        if (tab == null) {
            return null;
        }
        if (handle.equals(tab.getAuthNote(PushAuthenticator.CHALLENGE_NOTE))) {
            PushChallenge challenge = new PushChallenges(session.singleUseObjects()).load(handle);
            return new PushWaits.Target(false, handle, challenge == null ? 0 : challenge.expires());
        }
        if (handle.equals(tab.getAuthNote(PushEnrollAction.ID_NOTE))) {
            return new PushWaits.Target(true, handle, PushEnrollAction.expiresOf(tab));
        }
        return null;
    }

    /**
     * JAX-RS matches "app" and "app/" alike (two methods would loop on the redirect), so the request path tells
     * them apart: the app's relative URLs need the slash.
     */
    @GET
    @Path("app")
    public Response appRoot() {
        if (session.getContext().getUri().getRequestUri().getRawPath().endsWith("/")) {
            return CompanionApp.file("index.html");
        }
        return Response.status(301).location(URI.create(PushUrls.base(session, realm) + "/app/")).build();
    }

    @GET
    @Path("app/{file}")
    public Response appFile(@PathParam("file") String file) {
        return CompanionApp.file(file);
    }

    // ---- CORS: only for the companion app on its own host name (app-url of the push step) ----

    @OPTIONS
    @Path("config")
    public Response preflightConfig() {
        return preflight();
    }

    @OPTIONS
    @Path("enroll")
    public Response preflightEnroll() {
        return preflight();
    }

    @OPTIONS
    @Path("devices/{device}")
    public Response preflightDevice() {
        return preflight();
    }

    @OPTIONS
    @Path("devices/{device}/challenges")
    public Response preflightChallenges() {
        return preflight();
    }

    @OPTIONS
    @Path("devices/{device}/challenges/{challenge}")
    public Response preflightAnswer() {
        return preflight();
    }

    @OPTIONS
    @Path("devices/{device}/key")
    public Response preflightKey() {
        return preflight();
    }

    @OPTIONS
    @Path("devices/{device}/push")
    public Response preflightPush() {
        return preflight();
    }

    private Response preflight() {
        return new DeviceCors(PushUrls.appUrl(realm)).preflight(origin());
    }

    private Response cors(Response response) {
        return new DeviceCors(PushUrls.appUrl(realm)).answer(response, origin());
    }

    private String origin() {
        return session.getContext().getRequestHeaders().getHeaderString("Origin");
    }

    private PushDevices.Found device(String deviceId, String proof, String method) {
        PushDevices.Found found = PushDevices.find(session, realm, deviceId);
        if (found == null) {
            throw new DeviceApiException(401, "unknown_device", "this device is not enrolled (any more)");
        }
        DpopProof.verify(proof, method, session.getContext().getUri().getRequestUri(),
                found.device().getKeyThumbprint(), Time.currentTime(), session.singleUseObjects()::putIfAbsent);
        return found;
    }

    private static Map<String, Object> describe(PushChallenge challenge) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("id", challenge.id());
        described.put("number_matching", challenge.match().mode().id());
        if (challenge.match().mode() == NumberMatch.Mode.CHOOSE) {
            described.put("number_choices", challenge.match().choices());
        }
        described.put("client", challenge.client());
        described.put("ip", challenge.ip());
        described.put("browser", challenge.browser());
        described.put("os", challenge.os());
        described.put("created", challenge.created());
        described.put("expires", challenge.expires());
        return described;
    }

    private String displayName() {
        return realm.getDisplayName() != null && !realm.getDisplayName().isBlank() ? realm.getDisplayName() : realm.getName();
    }

    private interface Call {
        Response run();
    }

    private static Response answerWith(Call call) {
        try {
            return call.run();
        } catch (DeviceApiException e) {
            Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("error", e.error(), "error_description", e.getMessage() == null ? "" : e.getMessage()))
                    .cacheControl(noStore());
            if (e.status() == 401 && "invalid_dpop_proof".equals(e.error())) {
                response.header("WWW-Authenticate", "DPoP error=\"invalid_dpop_proof\", algs=\"ES256\"");
            }
            return response.build();
        }
    }

    private static Response waitAnswer(PushWaits.Status status) {
        return json(200, Map.of("status", status.name().toLowerCase(java.util.Locale.ROOT)));
    }

    private static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).cacheControl(noStore()).build();
    }

    private static CacheControl noStore() {
        CacheControl cache = new CacheControl();
        cache.setNoStore(true);
        return cache;
    }
}
