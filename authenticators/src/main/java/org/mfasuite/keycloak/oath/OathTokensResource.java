package org.mfasuite.keycloak.oath;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.credential.CredentialModel;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/mfa/oath-tokens}: import hardware OATH tokens (CSV or PSKC, manage-users), list the
 * pool (view-users, never secrets), assign a pooled token to a user (manage-users on that user). Keys for encrypted
 * PSKC files come in headers, never in the URL (access logs keep URLs): {@code X-MFA-PSKC-Key} (hex) or
 * {@code X-MFA-PSKC-Password}.
 */
public class OathTokensResource {

    /** Files above this are refused with 413 (Quarkus' own default body limit is the same 10 MiB). */
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    public static final String KEY_HEADER = "X-MFA-PSKC-Key";
    public static final String PASSWORD_HEADER = "X-MFA-PSKC-Password";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public OathTokensResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                              AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.CUSTOM);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response importTokens(InputStream body, @HeaderParam("Content-Type") String contentType,
                                 @QueryParam("partial") boolean partial,
                                 @QueryParam("allow-unauthenticated") boolean allowUnauthenticated,
                                 @QueryParam("dry-run") boolean dryRun,
                                 @HeaderParam(KEY_HEADER) String key,
                                 @HeaderParam(PASSWORD_HEADER) String password) {
        auth.users().requireManage();
        byte[] bytes;
        try {
            bytes = body.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new BadRequestException("The file could not be read.");
        }
        String format = format(contentType, bytes);
        if (bytes.length > MAX_BYTES) {
            return answer(413, ImportReport.failed(format, partial, new TokenRow.Problem("file-too-large",
                    "The file is larger than 10 MiB; split it.")));
        }
        PskcKeys keys;
        try {
            keys = PskcKeys.of(key, password, allowUnauthenticated);
        } catch (IllegalArgumentException e) {
            return answer(400, ImportReport.failed(format, partial, new TokenRow.Problem("bad-key", e.getMessage())));
        }
        TokenFile file = format.equals("pskc") ? PskcParser.parse(bytes, keys)
                : CsvTokenParser.parse(new String(bytes, StandardCharsets.UTF_8));
        ShelfMigration.run(session, realm);
        ImportReport report = new TokenImport(session, realm).run(file, partial, dryRun);
        if (dryRun) {
            // the report the import would give; nothing was written, so no admin event
            return answer(report.accepted() ? 200 : 400, report);
        }
        if (report.committed()) {
            adminEvent.operation(OperationType.CREATE).resourcePath(session.getContext().getUri())
                    .representation(Map.of("format", format, "assigned", report.assigned(), "pooled", report.pooled(),
                            "skipped", report.skipped())).success();
        }
        return answer(report.committed() ? 200 : "busy".equals(report.error()) ? 409 : 400, report);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> list(@QueryParam("status") String status, @QueryParam("first") Integer first,
                                          @QueryParam("max") Integer max) {
        auth.users().requireView();
        String wanted = status == null || status.isBlank() ? PoolEntry.POOLED : status.toLowerCase(Locale.ROOT);
        ShelfMigration.run(session, realm);
        TokenPool pool = new TokenPool(session, realm);
        // a page of tokens and their holders: no query needs to flush anything first
        try (FlushAtCommit quiet = FlushAtCommit.during(session)) {
            return pool.page(wanted.equals("all") ? null : wanted, first == null ? 0 : Math.max(0, first),
                            max == null ? 100 : Math.max(0, max))
                    .stream().map(s -> view(pool, s)).toList();
        }
    }

    /** Body: {@code {"user": "<username, email or id>"}}. */
    @POST
    @Path("{serial}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response assign(@PathParam("serial") String serial, Map<String, String> body) {
        auth.users().requireQuery();
        String name = body == null ? null : body.get("user");
        UserModel user = name == null ? null : findUser(name.trim());
        if (user == null) {
            auth.users().requireManage();
            return problem(404, "unknown-user", "No such user.");
        }
        auth.users().requireManage(user);
        ShelfMigration.run(session, realm);
        TokenPool pool = new TokenPool(session, realm);
        TokenPool.Stored stored = pool.find(serial).orElse(null);
        if (stored == null) {
            return problem(404, "unknown-serial", "No token with this serial was imported.");
        }
        if (!PoolEntry.POOLED.equals(stored.entry().status())) {
            return problem(409, "already-assigned", "The token is already assigned; import it again if it was removed.");
        }
        if (!new TokenImport(session, realm).claim(serial)) {
            return problem(409, "busy", "The token is being imported or assigned right now.");
        }
        OathToken token = stored.entry().token(stored.serial(), pool.secretOf(stored));
        CredentialModel otp = user.credentialManager().createStoredCredential(OathActivation.forAssignment(realm, token));
        OathActivation.afterAssignment(user, otp);
        pool.markAssigned(stored, user.getId(), otp.getId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("serial", SafeText.cell(stored.serial()));
        out.put("user", user.getUsername());
        out.put("userId", user.getId());
        out.put("credentialId", otp.getId());
        out.put("label", token.label());
        if (OathActivation.PENDING_TYPE.equals(otp.getType())) {
            out.put("activation", "pending");
        }
        adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri()).representation(out)
                .success();
        return Response.ok(out, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private UserModel findUser(String name) {
        UserModel user = session.users().getUserById(realm, name);
        if (user == null) {
            user = session.users().getUserByUsername(realm, name);
        }
        if (user == null && name.contains("@")) {
            user = session.users().getUserByEmail(realm, name);
        }
        return user;
    }

    private static Map<String, Object> view(TokenPool pool, TokenPool.Stored s) {
        Map<String, Object> out = new LinkedHashMap<>();
        PoolEntry e = s.entry();
        out.put("serial", SafeText.cell(s.serial()));
        out.put("manufacturer", SafeText.cell(e.manufacturer()));
        out.put("model", SafeText.cell(e.model()));
        out.put("type", e.kind());
        out.put("algorithm", e.algorithm());
        out.put("digits", e.digits());
        if ("totp".equals(e.kind())) {
            out.put("period", e.period());
        }
        out.put("status", e.status());
        if (PoolEntry.ASSIGNED.equals(e.status())) {
            out.put("user", pool.holderName(s));
        }
        out.put("importedDate", e.importedAt());
        return out;
    }

    /** text/csv → CSV; an XML type → PSKC; otherwise the first non-blank byte decides ({@code <} = XML). */
    static String format(String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("csv")) {
            return "csv";
        }
        if (type.contains("xml")) {
            return "pskc";
        }
        for (byte b : body) {
            if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return b == '<' ? "pskc" : "csv";
            }
        }
        return "csv";
    }

    private static Response answer(int status, ImportReport report) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(report).build();
    }

    private static Response problem(int status, String reason, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", reason, "message", message)).build();
    }
}
