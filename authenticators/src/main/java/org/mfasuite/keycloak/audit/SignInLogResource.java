package org.mfasuite.keycloak.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.common.util.Time;
import org.keycloak.events.EventQuery;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.mfasuite.keycloak.fraud.ReportedSignIns;
import org.mfasuite.keycloak.support.SupportDetails;

/**
 * {@code GET /admin/realms/{realm}/mfa/sign-ins}: the two-step verification log, one row per second-factor attempt,
 * newest first, read from Keycloak's stored {@code LOGIN} / {@code LOGIN_ERROR} events. Needs view-events; names and
 * emails only for callers who may also view users. {@code ?format=csv} gives a spreadsheet file;
 * {@code ?reference=7KQ2-MX9D} the event a helpdesk reference names.
 */
public class SignInLogResource {

    static final int DEFAULT_MAX = 100;
    static final int MAX_MAX = 10_000;
    /** Events one request reads at most (filters on method and result are applied after reading). */
    static final int SCAN_LIMIT = 100_000;
    /** Events one reference may name at most (a reference is random: in practice one). */
    static final int REFERENCE_MAX = 10;
    static final String TRUNCATED_HEADER = "X-Mfa-Scan-Truncated";
    private static final EventType[] TYPES = {EventType.LOGIN, EventType.LOGIN_ERROR};

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public SignInLogResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response list(@QueryParam("user") String user, @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("method") String method, @QueryParam("result") String result,
                         @QueryParam("client") String client, @QueryParam("first") Integer first,
                         @QueryParam("max") Integer max, @QueryParam("format") String format,
                         @QueryParam("reference") String reference, @QueryParam("risk") String risk) {
        auth.realm().requireViewEvents();
        boolean people = auth.users().canView();
        try {
            SignInFilter filter = SignInFilter.of(method, result, risk);
            boolean csv = "csv".equalsIgnoreCase(format);
            if (format != null && !csv && !"json".equalsIgnoreCase(format)) {
                throw new InvalidQuery("'format' must be json or csv");
            }
            int skip = first == null ? 0 : first;
            int limit = max == null ? DEFAULT_MAX : max;
            if (skip < 0 || limit < 1 || limit > MAX_MAX) {
                throw new InvalidQuery("'first' must be 0 or more and 'max' from 1 to " + MAX_MAX);
            }
            TimeRange range = TimeRange.parse(from, to, TimeRange.zone(null), Time.currentTimeMillis(), 0);
            KeycloakLookup lookup = new KeycloakLookup(session, realm, people);
            List<SignInRow> rows = new ArrayList<>();
            if (reference != null && !reference.isBlank()) {
                rows.addAll(byReference(reference, lookup));
                return answer(markReported(rows), csv).build();
            }
            String userId = userId(user, people);
            EventStoreProvider store = session.getProvider(EventStoreProvider.class);
            int[] skipped = {0};
            StoredEvents.Scan scan = new StoredEvents(() -> query(store, userId, client)).scan(range, TYPES, SCAN_LIMIT,
                    event -> {
                        SignInRow row = SignInRows.row(event, lookup);
                        if (row != null && filter.matches(row)) {
                            if (skipped[0] < skip) {
                                skipped[0]++;
                            } else {
                                rows.add(row);
                            }
                        }
                        return rows.size() < limit;
                    });
            Response.ResponseBuilder answer = answer(markReported(rows), csv);
            return scan.truncated() ? answer.header(TRUNCATED_HEADER, "true").build() : answer.build();
        } catch (InvalidQuery e) {
            return badRequest(e.getMessage());
        }
    }

    /** Flags the rows of sign-ins their user reported as not theirs: a report made since the oldest row names them. */
    private List<SignInRow> markReported(List<SignInRow> rows) {
        if (rows.stream().noneMatch(r -> r.reference() != null)) {
            return rows;
        }
        long oldest = rows.stream().mapToLong(SignInRow::time).min().orElse(0);
        Set<String> reported = new ReportedSignIns(session, realm.getId()).references(oldest);
        return rows.stream().map(r -> r.reference() != null && reported.contains(r.reference()) ? r.asReported() : r).toList();
    }

    private static Response.ResponseBuilder answer(List<SignInRow> rows, boolean csv) {
        return csv ? Response.ok(SignInCsv.of(rows), "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"mfa-sign-ins.csv\"")
                : Response.ok(rows, MediaType.APPLICATION_JSON_TYPE);
    }

    /**
     * The stored events carrying this helpdesk reference, whatever they are: a second-factor attempt, a refusal by
     * policy, a registration that failed. The other filters do not apply.
     */
    private List<SignInRow> byReference(String typed, KeycloakLookup lookup) {
        String reference = SupportDetails.normalise(typed);
        if (reference == null) {
            throw new InvalidQuery("'reference' must be a helpdesk reference such as 7KQ2-MX9D");
        }
        return new EventTable(session, realm.getId())
                .withReference(reference, Time.currentTimeMillis(), REFERENCE_MAX).stream()
                .map(event -> SignInRows.anyRow(event, lookup)).toList();
    }

    private EventQuery query(EventStoreProvider store, String userId, String client) {
        EventQuery query = store.createQuery().realm(realm.getId());
        if (userId != null) {
            query.user(userId);
        }
        if (client != null && !client.isBlank()) {
            query.client(client.trim());
        }
        return query;
    }

    /**
     * A username, else taken as a user id (a deleted user's events keep the id). Only a caller who may view users
     * has a username looked up: for anyone else it is a user id, so the log cannot tell them which usernames exist.
     */
    private String userId(String user, boolean mayViewUsers) {
        if (user == null || user.isBlank()) {
            return null;
        }
        if (!mayViewUsers) {
            return user.trim();
        }
        UserModel found = session.users().getUserByUsername(realm, user.trim());
        return found != null ? found.getId() : user.trim();
    }

    static Response badRequest(String description) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", "invalid_request", "error_description", description)).build();
    }
}
