package org.mfasuite.keycloak.fraud;

import org.keycloak.provider.Provider;

/** The realm's fraud-alert settings component: it only carries config ({@link FraudSettings}). */
public interface FraudSettingsProvider extends Provider {
}
