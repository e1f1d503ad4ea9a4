package org.mfasuite.keycloak.temporarypass;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.mfasuite.keycloak.core.AdminUsers;
import org.mfasuite.keycloak.registration.SecurityEmails;

/**
 * {@code /admin/realms/{realm}/mfa/users/{userId}/temporary-pass}: an admin issues a user's temporary access pass
 * (manage-users; the pass is in this answer only), reads its metadata (view-users; never the pass) and revokes it
 * (manage-users). Issuing and revoking are admin events; issuing also emails the user.
 */
public class TemporaryPassResource {

    /** The request body of POST. {@code startsAt}: ISO-8601 instant or epoch milliseconds; absent: now. */
    public record IssueRequest(Integer lifetimeMinutes, Boolean oneTime, Object startsAt) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final UserModel user;

    public TemporaryPassResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                 AdminEventBuilder adminEvent, String userId) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
        this.user = AdminUsers.find(session, realm, auth, userId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response issue(IssueRequest request) {
        auth.users().requireManage(user);
        if (!user.isEnabled()) {
            return error(Response.Status.CONFLICT, "user_disabled", "The user is disabled: enable the user first");
        }
        IssueRequest body = request == null ? new IssueRequest(null, null, null) : request;
        TemporaryPassSettings settings = TemporaryPassSettings.of(realm);
        int lifetime;
        long startsAt;
        try {
            lifetime = settings.lifetime(body.lifetimeMinutes());
            startsAt = startsAt(body.startsAt(), Time.currentTime());
        } catch (IllegalArgumentException e) {
            return error(Response.Status.BAD_REQUEST, "invalid_request", e.getMessage());
        }
        boolean oneTime = body.oneTime() == null ? settings.oneTimeDefault() : body.oneTime();
        TemporaryPassCredentialProvider.Issued issued;
        try {
            issued = TemporaryPassCredentialProvider.of(session).issue(realm, user, auth.adminAuth().getUser(),
                    lifetime, oneTime, startsAt, settings.length());
        } catch (IllegalStateException e) {
            return error(Response.Status.CONFLICT, "no_key", e.getMessage());
        }
        Map<String, Object> metadata = metadata(issued.stored());
        adminEvent.operation(OperationType.CREATE).resourcePath(session.getContext().getUri())
                .representation(metadata).success();
        SecurityEmails.of(session, realm).send(user, SecurityEmails.Kind.TEMPORARY_PASS_ISSUED,
                new SecurityEmails.Method("", null));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("pass", TemporaryPassSecret.display(issued.pass()));
        answer.putAll(metadata);
        return Response.status(Response.Status.CREATED).entity(answer)
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get() {
        auth.users().requireView(user);
        return TemporaryPassCredentialProvider.of(session).current(user).map(TemporaryPassResource::metadata)
                .orElseThrow(() -> new NotFoundException("No temporary access pass"));
    }

    @DELETE
    public Response revoke() {
        auth.users().requireManage(user);
        if (!TemporaryPassCredentialProvider.of(session).revoke(user)) {
            throw new NotFoundException("No temporary access pass");
        }
        adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri()).success();
        return Response.noContent().build();
    }

    private static Response error(Response.Status status, String error, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", error, "error_description", description)).build();
    }

    /** What anyone who may view the user sees: never the pass. Times in epoch milliseconds. */
    static Map<String, Object> metadata(TemporaryPassCredentialModel pass) {
        TemporaryPassCredentialModel.Data d = pass.getData();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", pass.getId());
        out.put("createdDate", pass.getCreatedDate());
        out.put("createdBy", d.createdBy());
        out.put("startsAt", d.startsAt() * 1000);
        out.put("expiresAt", d.expiresAt() * 1000);
        out.put("oneTime", d.oneTime());
        out.put("usedAt", d.usedAt() > 0 ? d.usedAt() * 1000 : null);
        out.put("status", pass.status(Time.currentTime()).id());
        return out;
    }

    /** Epoch seconds: now when absent or past; at most 30 days ahead. */
    static long startsAt(Object raw, long now) {
        if (raw == null || raw instanceof String s && s.isBlank()) {
            return now;
        }
        long at;
        if (raw instanceof Number n) {
            at = n.longValue() / 1000;
        } else {
            try {
                at = Instant.parse(raw.toString().trim()).getEpochSecond();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("startsAt must be an ISO-8601 instant (2026-01-31T08:00:00Z) "
                        + "or epoch milliseconds");
            }
        }
        if (at > now + TemporaryPassSettings.MAX_MINUTES * 60L) {
            throw new IllegalArgumentException("startsAt must be within 30 days");
        }
        return Math.max(now, at);
    }
}
