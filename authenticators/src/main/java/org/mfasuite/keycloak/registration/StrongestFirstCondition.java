package org.mfasuite.keycloak.registration;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.mfasuite.keycloak.flow.StrongestFirst;

/**
 * "Condition - strongest method first" ({@code mfa-strongest-first}): for a second-factor sub-flow guarded by Keycloak's
 * own conditions (e.g. "Condition - user configured"), where the suite's {@code mfa-access-required} is not there to do
 * it. It always holds — conditions of a sub-flow must all hold, so next to another condition it changes nothing about
 * whether the sub-flow runs — and when Keycloak evaluates it, right before the sub-flow's steps, it puts the user's
 * strongest method first ({@link StrongestFirst}) unless the realm turned that off.
 */
public class StrongestFirstCondition implements ConditionalAuthenticator {

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        StrongestFirst.apply(context, RegisterSettings.of(context.getRealm()).strongestFirst());
        return true;
    }

    @Override
    public void action(AuthenticationFlowContext context) {
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
