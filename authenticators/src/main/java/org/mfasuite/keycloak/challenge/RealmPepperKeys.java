package org.mfasuite.keycloak.challenge;

import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** Peppers derived from the realm's HS512 signing keys, as Keycloak's key manager holds them. */
public final class RealmPepperKeys implements PepperKeys {

    private static final Logger LOG = Logger.getLogger(RealmPepperKeys.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    public RealmPepperKeys(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @Override
    public Optional<Pepper> active() {
        try {
            return pepperOf(session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512));
        } catch (RuntimeException e) {
            // Keycloak throws when the realm has no active key of the algorithm; the caller reports it
            LOG.debugf(e, "No active HS512 key in realm %s", realm.getName());
            return Optional.empty();
        }
    }

    @Override
    public Optional<Pepper> byKid(String kid) {
        return kid == null ? Optional.empty() : pepperOf(session.keys().getKey(realm, kid, KeyUse.SIG, Algorithm.HS512));
    }

    /** Empty for a missing key and for one the server cannot read out (an HSM). */
    private static Optional<Pepper> pepperOf(KeyWrapper key) {
        if (key == null || key.getSecretKey() == null || key.getSecretKey().getEncoded() == null) {
            return Optional.empty();
        }
        return Optional.of(Pepper.derive(key.getKid(), key.getSecretKey().getEncoded()));
    }
}
