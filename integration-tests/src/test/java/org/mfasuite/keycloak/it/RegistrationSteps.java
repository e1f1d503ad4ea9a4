package org.mfasuite.keycloak.it;

import java.util.List;

import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** Admin changes the registration tests make, each put back by the realm's cleanup. */
final class RegistrationSteps {

    private RegistrationSteps() {
    }

    /** Sets an execution of the demo's second-factor sub-flow (by authenticator id) to a requirement. */
    static void setSecondFactorStep(ManagedRealm realm, String authenticator, String requirement) {
        AuthenticationManagementResource flows = realm.admin().flows();
        AuthenticationExecutionInfoRepresentation step = flows.getExecutions(SmsStepConfig.SECOND_FACTOR_FLOW).stream()
                .filter(e -> authenticator.equals(e.getProviderId())).findFirst().orElseThrow();
        String original = step.getRequirement();
        step.setRequirement(requirement);
        flows.updateExecutions(SmsStepConfig.SECOND_FACTOR_FLOW, step);
        realm.cleanup().add(r -> {
            step.setRequirement(original);
            r.flows().updateExecutions(SmsStepConfig.SECOND_FACTOR_FLOW, step);
        });
    }

    /** Enables or disables a required action. */
    static void setRequiredAction(ManagedRealm realm, String alias, boolean enabled) {
        RequiredActionProviderRepresentation action = realm.admin().flows().getRequiredAction(alias);
        boolean original = action.isEnabled();
        action.setEnabled(enabled);
        realm.admin().flows().updateRequiredAction(alias, action);
        realm.cleanup().add(r -> {
            RequiredActionProviderRepresentation restore = r.flows().getRequiredAction(alias);
            restore.setEnabled(original);
            r.flows().updateRequiredAction(alias, restore);
        });
    }

    /** The user's credential types in the user's order (the first is offered first at sign-in). */
    static List<String> credentialTypes(ManagedRealm realm, String userId) {
        return realm.admin().users().get(userId).credentials().stream().map(CredentialRepresentation::getType).toList();
    }

    static String userId(ManagedRealm realm, String username) {
        return realm.admin().users().searchByUsername(username, true).get(0).getId();
    }
}
