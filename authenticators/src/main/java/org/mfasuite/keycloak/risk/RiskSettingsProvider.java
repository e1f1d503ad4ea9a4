package org.mfasuite.keycloak.risk;

import org.keycloak.provider.Provider;

/** The realm's sign-in risk settings component: it only carries config ({@link RiskSettings}). */
public interface RiskSettingsProvider extends Provider {
}
