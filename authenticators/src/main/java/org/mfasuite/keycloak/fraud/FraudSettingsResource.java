package org.mfasuite.keycloak.fraud;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/mfa/fraud-settings}: what a fraud report does, read (view-realm) and saved (manage-realm)
 * as one JSON object with the component's keys. A save with a problem is refused whole with
 * {@code 400 {"error":"invalid_request","error_description":..., "problems":[...]}}; unknown keys are refused too.
 */
public class FraudSettingsResource {

    private static final Set<String> KEYS = Set.of(FraudSettings.BLOCK_USER, FraudSettings.NOTIFY_USER,
            FraudSettings.ALERT_EMAILS, FraudSettings.REPORT_LINK, FraudSettings.LINK_HOURS);

    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public FraudSettingsResource(RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get() {
        auth.realm().requireViewRealm();
        return json(FraudSettingsStore.read(realm));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response save(Map<String, Object> body) {
        auth.realm().requireManageRealm();
        if (body == null) {
            return invalid(List.of("a JSON object of settings is required"));
        }
        Map<String, List<String>> config = new LinkedHashMap<>(FraudSettingsStore.read(realm).toConfig());
        List<String> problems = new ArrayList<>();
        body.forEach((key, value) -> {
            if (!KEYS.contains(key)) {
                problems.add("'" + key + "' is not a fraud-alert setting");
            } else if (value instanceof List<?> list) {
                config.put(key, list.stream().map(String::valueOf).toList());
            } else if (value != null) {
                config.put(key, List.of(String.valueOf(value)));
            }
        });
        problems.addAll(FraudSettings.problems(config));
        if (!problems.isEmpty()) {
            return invalid(problems);
        }
        FraudSettings settings = FraudSettings.from(config);
        FraudSettingsStore.save(realm, settings);
        adminEvent.operation(OperationType.UPDATE).resource(ResourceType.COMPONENT)
                .resourcePath("mfa", "fraud-settings").representation(json(settings)).success();
        return Response.ok(json(settings)).build();
    }

    static Map<String, Object> json(FraudSettings settings) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(FraudSettings.BLOCK_USER, settings.blockUser().id());
        out.put(FraudSettings.NOTIFY_USER, settings.notifyUser());
        out.put(FraudSettings.ALERT_EMAILS, settings.alertEmails());
        out.put(FraudSettings.REPORT_LINK, settings.reportLink());
        out.put(FraudSettings.LINK_HOURS, settings.linkHours());
        return out;
    }

    private static Response invalid(List<String> problems) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", "invalid_request", "error_description", String.join("; ", problems),
                        "problems", problems)).build();
    }
}
