package org.mfasuite.keycloak.flow;

import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

/**
 * What the realm's flows say about one of the suite's steps outside a sign-in (admin REST, device API, required
 * actions): whether it is used, and its settings. Found by provider id, never by a config alias.
 */
public final class StepConfig {

    private StepConfig() {
    }

    /** The config of the realm's first enabled step of {@code providerId} that has one (browser flow first); empty when none. */
    public static Map<String, String> of(RealmModel realm, String providerId) {
        return enabledSteps(realm, providerId)
                .filter(e -> e.getAuthenticatorConfig() != null)
                .map(e -> realm.getAuthenticatorConfigById(e.getAuthenticatorConfig()))
                .filter(Objects::nonNull)
                .map(AuthenticatorConfigModel::getConfig)
                .findFirst().orElse(Map.of());
    }

    /** Whether some flow of the realm has an enabled step of {@code providerId}. */
    public static boolean isEnabled(RealmModel realm, String providerId) {
        return enabledSteps(realm, providerId).findAny().isPresent();
    }

    private static Stream<AuthenticationExecutionModel> enabledSteps(RealmModel realm, String providerId) {
        String browser = realm.getBrowserFlow() == null ? null : realm.getBrowserFlow().getId();
        return realm.getAuthenticationFlowsStream()
                .sorted(Comparator.comparing(flow -> !Objects.equals(flow.getId(), browser)))
                .flatMap(flow -> realm.getAuthenticationExecutionsStream(flow.getId()))
                .filter(e -> providerId.equals(e.getAuthenticator()) && !e.isDisabled());
    }
}
