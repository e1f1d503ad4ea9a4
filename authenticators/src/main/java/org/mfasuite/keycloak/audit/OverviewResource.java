package org.mfasuite.keycloak.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.common.util.Time;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.mfasuite.keycloak.sms.PhonePolicy;

/**
 * {@code GET /admin/realms/{realm}/mfa/overview?days=14}: what the admin console's overview shows, from one read of
 * the stored events of the last {@code days} days (see {@link OverviewTally}; days that are over are read once per
 * quarter of an hour, see {@link OverviewDays}), with the realm's hourly message budget; and registration coverage. Needs view-events; the coverage also view-users, else it is {@code null}.
 */
public class OverviewResource {

    static final int DEFAULT_DAYS = 14;
    static final int MAX_DAYS = 90;
    /** Events one overview reads at most; beyond, {@code truncated} is true and the oldest days are incomplete. */
    static final int SCAN_LIMIT = 1_000_000;
    private static final long DAY = 86_400_000L;
    private static final EventType[] TYPES = {EventType.LOGIN, EventType.LOGIN_ERROR, EventType.CUSTOM_REQUIRED_ACTION,
            EventType.CUSTOM_REQUIRED_ACTION_ERROR};

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public OverviewResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response overview(@QueryParam("days") Integer days, @QueryParam("tz") String tz) {
        auth.realm().requireViewEvents();
        boolean people = auth.users().canView();
        try {
            int n = days == null ? DEFAULT_DAYS : days;
            if (n < 1 || n > MAX_DAYS) {
                throw new InvalidQuery("'days' must be from 1 to " + MAX_DAYS);
            }
            ZoneId zone = TimeRange.zone(tz);
            long now = Time.currentTimeMillis();
            LocalDate today = Instant.ofEpochMilli(now).atZone(zone).toLocalDate();
            long todayStart = today.atStartOfDay(zone).toInstant().toEpochMilli();
            // today and the n - 1 days before it, whole days in the zone
            TimeRange range = new TimeRange(today.minusDays(n - 1L).atStartOfDay(zone).toInstant().toEpochMilli(), now);
            KeycloakLookup lookup = new KeycloakLookup(session, realm, false);
            EventTable events = new EventTable(session, realm.getId());
            // now: today's events, and the last 24 hours' refusals (which reach into yesterday)
            OverviewTally tally = new OverviewTally(zone, todayStart, now - DAY);
            StoredEvents.Scan scan = events.scan(new TimeRange(Math.min(todayStart, now - DAY), now), TYPES, SCAN_LIMIT,
                    event -> {
                        tally.add(event, lookup);
                        return true;
                    });
            int read = scan.read();
            boolean truncated = scan.truncated();
            int cachedDays = 0;
            // the days that are over, newest first (a full budget leaves the oldest out): each read once and kept
            for (LocalDate day = today.minusDays(1); !day.isBefore(today.minusDays(n - 1L)); day = day.minusDays(1)) {
                OverviewTally kept = OverviewDays.get(realm.getId(), zone, day.toString(), now);
                if (kept != null) {
                    cachedDays++;
                } else {
                    kept = new OverviewTally(zone, Long.MIN_VALUE, Long.MAX_VALUE);
                    OverviewTally dayTally = kept;
                    long start = day.atStartOfDay(zone).toInstant().toEpochMilli();
                    long end = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() - 1;
                    StoredEvents.Scan dayScan = events.scan(new TimeRange(start, end), TYPES, SCAN_LIMIT - read, event -> {
                        dayTally.add(event, lookup);
                        return true;
                    });
                    read += dayScan.read();
                    if (dayScan.truncated()) {
                        truncated = true;
                        break;
                    }
                    OverviewDays.put(realm.getId(), zone, day.toString(), kept, now);
                }
                tally.addDays(kept);
            }
            Map<String, Object> refusals = new LinkedHashMap<>();
            refusals.put("since", Instant.ofEpochMilli(now - DAY).toString());
            refusals.put("total", tally.refusals());
            refusals.put("byPolicy", tally.refusalsByPolicy());
            refusals.put("byReason", tally.refusalsByReason());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("realm", realm.getName());
            answer.put("from", Instant.ofEpochMilli(range.from()).toString());
            answer.put("to", Instant.ofEpochMilli(range.to()).toString());
            answer.put("timeZone", zone.getId());
            answer.put("days", tally.usage().days());
            answer.put("totals", tally.usage().totals());
            answer.put("messageBudget", Map.of("realmHourlyLimit", PhonePolicy.of(realm).limits().realmHourlyLimit(),
                    "busiestHours", tally.busiestHours()));
            answer.put("refusals", refusals);
            answer.put("failureReasons", tally.failureReasons());
            answer.put("coverage", people ? RealmCoverage.of(session, realm) : null);
            answer.put("eventsRead", read);
            answer.put("daysKept", cachedDays);
            answer.put("truncated", truncated);
            return Response.ok(answer, MediaType.APPLICATION_JSON_TYPE).build();
        } catch (InvalidQuery e) {
            return SignInLogResource.badRequest(e.getMessage());
        }
    }
}
