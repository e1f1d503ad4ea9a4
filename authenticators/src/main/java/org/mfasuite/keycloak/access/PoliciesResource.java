package org.mfasuite.keycloak.access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.Event;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.ModelToRepresentation;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.mfasuite.keycloak.audit.StoredEvents;
import org.mfasuite.keycloak.audit.TimeRange;
import org.mfasuite.keycloak.core.RiskLevel;
import org.mfasuite.keycloak.geo.Places;

/**
 * {@code /admin/realms/{realm}/mfa/policies}: every conditional-access policy of the flows bound to the realm or its
 * clients with its problems (view-realm), what one would have done to the last days' sign-ins (view-realm and
 * view-events; usernames with view-users), and saving one policy's config after the evaluation's own checks
 * (manage-realm). Steps are still wired in the flow editor: nothing here creates or removes one.
 */
public class PoliciesResource {

    /** At most this many stored events are read for one impact answer; the answer says when it stopped early. */
    static final int SCAN_LIMIT = 50_000;
    static final int TOP_USERS = 10;
    private static final EventType[] TYPES = {EventType.LOGIN, EventType.LOGIN_ERROR};
    private static final Set<String> KEYS = AccessPolicyProperties.all().stream().map(ProviderConfigProperty::getName)
            .collect(Collectors.toUnmodifiableSet());
    private static final List<String> CONDITION_KEYS = List.of(AccessPolicy.INCLUDE_USERS, AccessPolicy.EXCLUDE_USERS,
            AccessPolicy.INCLUDE_GROUPS, AccessPolicy.EXCLUDE_GROUPS, AccessPolicy.INCLUDE_ROLES,
            AccessPolicy.EXCLUDE_ROLES, AccessPolicy.INCLUDE_CLIENTS, AccessPolicy.EXCLUDE_CLIENTS,
            AccessPolicy.NETWORKS, AccessPolicy.EXCLUDED_NETWORKS, AccessPolicy.CLIENT_TYPES, AccessPolicy.COUNTRIES,
            AccessPolicy.EXCLUDED_COUNTRIES, AccessPolicy.SIGN_IN_RISK, AccessPolicy.USER_RISK);
    /** What a replay cannot know, named in every impact answer (the page and the docs explain each). */
    static final List<String> LIMITS = List.of("groups-and-roles-of-today", "user-risk-of-today", "deleted-users-skipped",
            "sign-in-frequency-and-remembered-devices-not-replayed", "other-policies-not-combined");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public PoliciesResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                            AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    /**
     * One row of the list. Field names are a public contract.
     *
     * @param id          the config id: the path of impact and save; null for a step without a config yet
     * @param grant       the chosen grant; null when none (or an unreadable one) is chosen
     * @param demand      what it demands of the sign-ins it covers: block when it has problems
     * @param conditions  each condition key with its values as written
     * @param reachedFrom the flows it sits in, each with the realm binding or the client that reaches it
     * @param config      the stored config map, for the edit form
     */
    public record PolicyRow(String id, String name, boolean configured, boolean enabled, String state, String grant,
                            String demand, Map<String, List<String>> conditions, int signInFrequencyHours,
                            int rememberDeviceDays, List<PolicyProblem> problems, List<PolicyCatalog.Reach> reachedFrom,
                            Map<String, String> config) {

        static PolicyRow of(PolicyCatalog.Entry e) {
            AccessPolicy p = e.policy();
            if (p == null) {
                return new PolicyRow(null, null, false, e.enabled(), null, null, null, Map.of(), 0, 0, List.of(),
                        e.reachedFrom(), Map.of());
            }
            Map<String, List<String>> conditions = new LinkedHashMap<>();
            CONDITION_KEYS.forEach(k -> conditions.put(k, AccessPolicy.split(e.config().get(k))));
            org.mfasuite.keycloak.core.Grant chosen = org.mfasuite.keycloak.core.Grant.parse(
                    e.config().get(AccessPolicy.GRANT));
            return new PolicyRow(e.configId(), p.name(), true, e.enabled(), p.state().id(),
                    chosen == null ? null : chosen.id(), p.demand().id(), conditions, p.signInFrequencyHours(),
                    p.rememberDeviceDays(), p.findings(), e.reachedFrom(), e.config());
        }
    }

    /** Who one policy would have stopped or asked. {@code username} only for callers who may view users. */
    public record ImpactUser(String userId, String username, int blocked, int secondFactor, int allowed) {
    }

    /**
     * What one policy, switched on alone, would have done to the sign-ins of the last {@code days} days.
     *
     * @param scanned   stored events read
     * @param truncated the scan stopped at its ceiling: older sign-ins of the range were not replayed
     * @param skipped   sign-ins of users that no longer exist: not replayed
     * @param limits    what the replay cannot know (see the docs)
     */
    public record Impact(String id, String name, int days, long from, long to, String demand, int scanned,
                         boolean truncated, int signIns, int blocked, int secondFactor, int allowed, int notCovered,
                         int skipped, List<ImpactUser> users, List<String> limits) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<PolicyRow> list() {
        auth.realm().requireViewRealm();
        return PolicyCatalog.read(session, realm).stream().map(PolicyRow::of).toList();
    }

    @GET
    @Path("{id}/impact")
    @Produces(MediaType.APPLICATION_JSON)
    public Response impact(@PathParam("id") String id, @QueryParam("days") Integer days) {
        auth.realm().requireViewRealm();
        auth.realm().requireViewEvents();
        int n = days == null ? 7 : days;
        if (n < 1 || n > 90) {
            return error(Response.Status.BAD_REQUEST, "invalid_request", "'days' must be from 1 to 90");
        }
        PolicyCatalog.Entry entry = PolicyCatalog.find(session, realm, id);
        if (entry == null || entry.policy() == null) {
            return error(Response.Status.NOT_FOUND, "not_found", "No policy with config id " + id);
        }
        AccessPolicy policy = entry.policy();
        boolean people = auth.users().canView();
        long now = Time.currentTimeMillis();
        TimeRange range = new TimeRange(now - n * 86_400_000L + 1, now);
        EventStoreProvider store = session.getProvider(EventStoreProvider.class);
        PolicyImpact tally = new PolicyImpact();
        Map<String, SignInFacts> users = new HashMap<>();
        StoredEvents.Scan scan = new StoredEvents(() -> store.createQuery().realm(realm.getId()))
                .scan(range, TYPES, SCAN_LIMIT, event -> {
                    replay(event, policy, users, tally);
                    return true;
                });
        List<ImpactUser> top = new ArrayList<>();
        for (PolicyImpact.UserCount u : tally.topUsers(TOP_USERS)) {
            SignInFacts facts = users.get(u.userId());
            top.add(new ImpactUser(u.userId(), people && facts != null ? facts.username() : null, u.blocked(),
                    u.secondFactor(), u.allowed()));
        }
        return Response.ok(new Impact(id, policy.name(), n, range.from(), range.to(), policy.demand().id(),
                scan.read(), scan.truncated(), tally.replayed(), tally.count(PolicyImpact.Outcome.BLOCKED),
                tally.count(PolicyImpact.Outcome.SECOND_FACTOR), tally.count(PolicyImpact.Outcome.ALLOWED),
                tally.count(PolicyImpact.Outcome.NOT_COVERED), tally.skipped(), top, LIMITS)).build();
    }

    /**
     * A sign-in is a {@code LOGIN} event, or a {@code LOGIN_ERROR} the gate refused ({@code access_denied} with an
     * {@code mfa_access} decision): failed passwords and codes are attempts, not sign-ins. Its facts are the event's client, address and client
     * type (the password grant is a direct grant) with the user's groups and roles of today.
     */
    private void replay(Event event, AccessPolicy policy, Map<String, SignInFacts> users, PolicyImpact tally) {
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        if (event.getType() == EventType.LOGIN_ERROR && (!Errors.ACCESS_DENIED.equals(event.getError())
                || details.get(AccessDecisions.DETAIL_ACCESS) == null)) {
            return;
        }
        if (event.getUserId() == null) {
            tally.skip();
            return;
        }
        SignInFacts who = users.computeIfAbsent(event.getUserId(), id -> {
            UserModel user = session.users().getUserById(realm, id);
            return user == null ? new SignInFacts(null, null, null, null, null, null)
                    : SignInFactsReader.read(session, realm, user, null, null, ClientType.BROWSER, List.of(policy));
        });
        if (who.username().isEmpty()) {
            tally.skip();
            return;
        }
        ClientType type = "password".equals(details.get(Details.GRANT_TYPE)) ? ClientType.DIRECT_GRANT
                : ClientType.BROWSER;
        // country and sign-in risk as the sign-in recorded them; the user's risk is today's
        String country = details.get(AccessDecisions.DETAIL_COUNTRY);
        if (country == null && policy.conditions().namesCountries()) {
            country = Places.locate(session, event.getIpAddress()).country();
        }
        RiskLevel risk = RiskLevel.parse(details.get(AccessDecisions.DETAIL_RISK));
        SignInFacts facts = new SignInFacts(who.username(), who.groups(), who.roles(), event.getClientId(),
                Cidr.address(event.getIpAddress()), type, country, risk, who.userRisk());
        tally.add(event.getUserId(), PolicyImpact.outcome(policy, facts));
    }

    /**
     * Saves one policy's config map after the checks a sign-in makes: any problem refuses the save with
     * {@code 400 {"error":"invalid_policy","problems":[{"field":...,"code":...,"value":...,"message":...}]}}.
     * Keys other than the policy's fields are refused too (a misspelt key would be silently ignored).
     */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response save(@PathParam("id") String id, Map<String, String> body) {
        auth.realm().requireManageRealm();
        PolicyCatalog.Entry entry = PolicyCatalog.find(session, realm, id);
        AuthenticatorConfigModel model = realm.getAuthenticatorConfigById(id);
        if (entry == null || model == null) {
            return error(Response.Status.NOT_FOUND, "not_found", "No policy with config id " + id);
        }
        if (body == null) {
            return error(Response.Status.BAD_REQUEST, "invalid_request", "A JSON object of config keys is required");
        }
        Map<String, String> config = new TreeMap<>();
        List<PolicyProblem> problems = new ArrayList<>();
        body.forEach((k, v) -> {
            if (!KEYS.contains(k)) {
                problems.add(new PolicyProblem(k, "unknown-field", k, "'" + k + "' is not a field of a policy"));
            } else if (v != null) {
                config.put(k, v);
            }
        });
        problems.addAll(FlowPolicies.checked(session, realm, AccessPolicy.from(model.getAlias(), config)).findings());
        if (!problems.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("error", "invalid_policy", "problems", problems)).build();
        }
        model.setConfig(config);
        realm.updateAuthenticatorConfig(model);
        adminEvent.operation(OperationType.UPDATE).resource(ResourceType.AUTHENTICATOR_CONFIG)
                .resourcePath("authentication", "config", id)
                .representation(ModelToRepresentation.toRepresentation(model)).success();
        return Response.ok(PolicyRow.of(PolicyCatalog.find(session, realm, id))).build();
    }

    private static Response error(Response.Status status, String error, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", error, "error_description", description)).build();
    }
}
