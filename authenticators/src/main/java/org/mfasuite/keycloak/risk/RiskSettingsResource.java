package org.mfasuite.keycloak.risk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * {@code /admin/realms/{realm}/mfa/risk-settings}: how sign-in risk is judged, read (view-realm) and saved
 * (manage-realm) as one JSON object with the component's keys. A save with a problem is refused whole with
 * {@code 400 {"error":"invalid_request","error_description":..., "problems":[...]}}; unknown keys are refused too.
 */
public class RiskSettingsResource {

    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public RiskSettingsResource(RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get() {
        auth.realm().requireViewRealm();
        return RiskSettingsStore.read(realm).toJson();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response save(Map<String, Object> body) {
        auth.realm().requireManageRealm();
        if (body == null) {
            return invalid(List.of("a JSON object of settings is required"));
        }
        Map<String, List<String>> config = new LinkedHashMap<>(RiskSettingsStore.read(realm).toConfig());
        List<String> problems = new ArrayList<>();
        List<String> keys = RiskSettings.keys();
        body.forEach((key, value) -> {
            if (!keys.contains(key)) {
                problems.add("'" + key + "' is not a sign-in risk setting");
            } else if (value != null) {
                config.put(key, List.of(String.valueOf(value)));
            }
        });
        problems.addAll(RiskSettings.problems(config));
        if (!problems.isEmpty()) {
            return invalid(problems);
        }
        RiskSettings settings = RiskSettings.from(config);
        RiskSettingsStore.save(realm, settings);
        adminEvent.operation(OperationType.UPDATE).resource(ResourceType.COMPONENT)
                .resourcePath("mfa", "risk-settings").representation(settings.toJson()).success();
        return Response.ok(settings.toJson()).build();
    }

    private static Response invalid(List<String> problems) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", "invalid_request", "error_description", String.join("; ", problems),
                        "problems", problems)).build();
    }
}
