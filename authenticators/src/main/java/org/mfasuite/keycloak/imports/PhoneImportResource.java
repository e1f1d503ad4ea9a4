package org.mfasuite.keycloak.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code POST /admin/realms/{realm}/mfa/imports/phones[?dry-run=true&partial=true]} (manage-users): users' phone
 * numbers from a CSV file (MFA Server's export or our columns) or Microsoft Graph's phone methods (JSON). Answers the
 * report as JSON, or as CSV for {@code Accept: text/csv}. 200 imported (or, on a dry run, would be); 400 refused
 * (the report says why); 409 another import of the realm runs; 413 too large.
 */
public class PhoneImportResource {

    /** Files above this are refused with 413 (Quarkus' own default body limit is the same 10 MiB). */
    public static final int MAX_BYTES = 10 * 1024 * 1024;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public PhoneImportResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                               AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.CUSTOM);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response importPhones(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                 @HeaderParam(HttpHeaders.ACCEPT) String accept,
                                 @QueryParam("partial") boolean partial, @QueryParam("dry-run") boolean dryRun) {
        auth.users().requireManage();
        boolean csv = accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
        byte[] bytes;
        try {
            bytes = body.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new BadRequestException("The file could not be read.");
        }
        String format = format(contentType, bytes);
        if (bytes.length > MAX_BYTES) {
            return answer(413, PhoneImportReport.failed(format, partial,
                    new PhoneRow.Problem("file-too-large", "The file is larger than 10 MiB; split it.")), csv);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return answer(400, PhoneImportReport.failed(format, partial, new PhoneRow.Problem("not-utf8",
                    "The file is not UTF-8 text; save it as CSV UTF-8 (or JSON).")), csv);
        }
        PhoneFile file = format.equals("csv") ? PhoneCsv.parse(text) : GraphPhoneJson.parse(text);
        PhoneImportReport report = new PhoneImport(session, realm).run(file, partial, dryRun);
        if (report == null) {
            return Response.status(409).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", "busy",
                    "message", "Another phone import of this realm is running; try again when it has finished.")).build();
        }
        if (dryRun) {
            return answer(report.accepted() ? 200 : 400, report, csv);
        }
        if (report.committed()) {
            adminEvent.operation(OperationType.CREATE).resourcePath(session.getContext().getUri())
                    .representation(Map.of("import", "phones", "format", format, "rows", report.rows(),
                            "added", report.added(), "defaultsSet", report.defaultsSet(),
                            "alreadyThere", report.alreadyThere(), "skipped", report.skipped())).success();
        }
        if ("write-failed".equals(report.error())) {
            // the database failed part way: what was written stays (and has its admin event); a re-run adds the rest
            return answer(500, report, csv);
        }
        return answer(report.committed() ? 200 : 400, report, csv);
    }

    /** A JSON type → Graph JSON; a CSV type → CSV; otherwise the first non-blank character ({@code [ {} → JSON). */
    static String format(String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("json")) {
            return "graph-json";
        }
        if (type.contains("csv")) {
            return "csv";
        }
        for (byte b : body) {
            if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return b == '[' || b == '{' ? "graph-json" : "csv";
            }
        }
        return "csv";
    }

    private static Response answer(int status, PhoneImportReport report, boolean csv) {
        if (csv) {
            return Response.status(status).type("text/csv; charset=utf-8").entity(report.csv())
                    .header("Content-Disposition", "attachment; filename=\"phone-import-report.csv\"").build();
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(report).build();
    }
}
