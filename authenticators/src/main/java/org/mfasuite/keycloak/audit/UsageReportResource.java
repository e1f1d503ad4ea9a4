package org.mfasuite.keycloak.audit;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.common.util.Time;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code GET /admin/realms/{realm}/mfa/report}: per day and method, second-factor attempts, successes, failures and
 * messages sent (the SMS bill), from Keycloak's stored events; and registration coverage. Needs view-events; the
 * coverage (counts over users) also view-users, else it is {@code null}.
 */
public class UsageReportResource {

    static final int DEFAULT_DAYS = 30;
    /** Events one report reads at most; beyond, {@code truncated} is true and the oldest days are incomplete. */
    static final int SCAN_LIMIT = 1_000_000;
    private static final EventType[] TYPES = {EventType.LOGIN, EventType.LOGIN_ERROR, EventType.CUSTOM_REQUIRED_ACTION,
            EventType.CUSTOM_REQUIRED_ACTION_ERROR};

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public UsageReportResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response report(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("tz") String tz) {
        auth.realm().requireViewEvents();
        boolean people = auth.users().canView();
        try {
            ZoneId zone = TimeRange.zone(tz);
            TimeRange range = TimeRange.parse(from, to, zone, Time.currentTimeMillis(), DEFAULT_DAYS);
            EventStoreProvider store = session.getProvider(EventStoreProvider.class);
            KeycloakLookup lookup = new KeycloakLookup(session, realm, false);
            UsageTally tally = new UsageTally(zone);
            StoredEvents.Scan scan = new StoredEvents(() -> store.createQuery().realm(realm.getId()))
                    .scan(range, TYPES, SCAN_LIMIT, event -> {
                        tally.add(event, lookup);
                        return true;
                    });
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("realm", realm.getName());
            report.put("from", Instant.ofEpochMilli(range.from()).toString());
            report.put("to", Instant.ofEpochMilli(range.to()).toString());
            report.put("timeZone", zone.getId());
            report.put("days", tally.days());
            report.put("totals", tally.totals());
            report.put("coverage", people ? RealmCoverage.of(session, realm) : null);
            report.put("eventsRead", scan.read());
            report.put("truncated", scan.truncated());
            return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
        } catch (InvalidQuery e) {
            return SignInLogResource.badRequest(e.getMessage());
        }
    }
}
