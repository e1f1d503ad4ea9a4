package org.mfasuite.keycloak.push;

import java.util.Map;
import java.util.Objects;

import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.mfasuite.keycloak.push.delivery.PushDeliverySettings;

/**
 * The realm's push settings outside a sign-in (the device API): the config of the realm's {@code mfa-push} step,
 * found by provider id, in the browser flow first. A realm without a configured step gets the defaults.
 */
final class PushStepConfig {

    private PushStepConfig() {
    }

    static Map<String, String> of(RealmModel realm) {
        String browser = realm.getBrowserFlow() == null ? null : realm.getBrowserFlow().getId();
        return realm.getAuthenticationFlowsStream()
                .sorted((a, b) -> Boolean.compare(!Objects.equals(a.getId(), browser), !Objects.equals(b.getId(), browser)))
                .flatMap(flow -> realm.getAuthenticationExecutionsStream(flow.getId()))
                .filter(e -> PushAuthenticatorFactory.PROVIDER_ID.equals(e.getAuthenticator()) && e.getAuthenticatorConfig() != null)
                .map(e -> realm.getAuthenticatorConfigById(e.getAuthenticatorConfig()))
                .filter(Objects::nonNull).map(AuthenticatorConfigModel::getConfig).findFirst().orElse(Map.of());
    }

    static PushDeliverySettings delivery(RealmModel realm) {
        return PushDeliverySettings.from(of(realm));
    }
}
