package org.mfasuite.keycloak.apppassword;

import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.services.managers.AuthenticationManager;
import org.mfasuite.keycloak.access.AccessDecisions;
import org.mfasuite.keycloak.core.SignInDecision;
import org.mfasuite.keycloak.core.SignInNode;
import org.mfasuite.keycloak.challenge.BruteForce;
import org.mfasuite.keycloak.risk.SignInRisk;
import org.mfasuite.keycloak.support.SupportDetails;

/**
 * The password check of a direct-grant (legacy) flow that also takes app passwords: put it where
 * {@code direct-grant-validate-password} was. What the client sent as {@code password} is an app password when it
 * is shaped like one and its public id names one of the user's; otherwise it is the real password, accepted as the
 * settings and the sign-in's conditional-access decision allow ({@link AppPasswordSettings.RealPassword}). A user
 * who must use an app password and sent the right real password is told so, with where to create one. Wrong app
 * passwords and wrong real passwords count as wrong passwords in Keycloak's brute-force protection.
 */
public class AppPasswordAuthenticator implements Authenticator {

    static final String METHOD = "mfa_method";
    static final String RESULT = "mfa_result";
    static final String APP_PASSWORD = "app-password";
    /** Event reason of a real password under grant password-change (as the gate's refusal). */
    static final String PASSWORD_CHANGE_REQUIRED = "mfa_password_change_required";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        String typed = context.getHttpRequest().getDecodedFormParameters().getFirst(CredentialRepresentation.PASSWORD);
        BruteForce bruteForce = BruteForce.forPasswords(context.getSession(), context.getRealm(), user);
        context.getEvent().user(user);
        if (bruteForce.isLockedOut()) {
            context.getEvent().error(Errors.USER_TEMPORARILY_DISABLED);
            context.forceChallenge(oauthError("invalid_grant", "Invalid user credentials"));
            return;
        }
        AppPasswordSettings settings = AppPasswordSettings.from(
                context.getAuthenticatorConfig() == null ? null : context.getAuthenticatorConfig().getConfig());
        AppPasswordCredentialProvider provider = AppPasswordCredentialProvider.of(context.getSession());
        Optional<AppPasswordCredentialProvider.Checked> checked = typed == null ? Optional.empty()
                : provider.check(context.getRealm(), user, typed, context.getAuthenticationSession().getClient().getClientId(), settings);
        if (checked.isPresent()) {
            appPassword(context, settings, provider, bruteForce, checked.get());
        } else {
            realPassword(context, settings, bruteForce, typed);
        }
    }

    private void appPassword(AuthenticationFlowContext context, AppPasswordSettings settings,
                             AppPasswordCredentialProvider provider, BruteForce bruteForce,
                             AppPasswordCredentialProvider.Checked checked) {
        UserModel user = context.getUser();
        AppPasswordCredentialModel record = checked.record();
        SignInNode.tag(context.getEvent()).detail(METHOD, APP_PASSWORD).detail(Details.CREDENTIAL_TYPE, AppPasswordCredentialModel.TYPE)
                .detail(Details.CREDENTIAL_ID, record.getId());
        AppPasswordCredentialModel.Result result = checked.result();
        if (result == AppPasswordCredentialModel.Result.VALID && !settings.allowed()) {
            refuse(context, "disallowed", "App passwords are not allowed in this realm");
            return;
        }
        switch (result) {
            case VALID -> {
                // Keycloak clears failures only for the credential types a sign-in used, and ours is not one it
                // counts: a right app password clears the password failures itself
                bruteForce.succeeded();
                provider.recordUse(user, record, context.getConnection().getRemoteAddr());
                AccessDecisions.standIn(context.getAuthenticationSession(), APP_PASSWORD);
                context.getEvent().detail(RESULT, "valid");
                context.success(AppPasswordCredentialModel.TYPE);
            }
            case WRONG -> wrong(context, bruteForce);
            case NO_KEY -> refuse(context, "no_key", "This app password can no longer be checked; create a new one");
            case REVOKED -> {
                // revoked by a new password: it is of no further use to anyone
                provider.deleteCredential(context.getRealm(), user, record.getId());
                refuse(context, "revoked", "This app password was revoked when your password changed; create a new one");
            }
            case EXPIRED -> refuse(context, "expired", "This app password has expired; create a new one");
            case CLIENT_NOT_ALLOWED -> refuse(context, "client_not_allowed",
                    "This app password is not for this application");
        }
    }

    private void realPassword(AuthenticationFlowContext context, AppPasswordSettings settings, BruteForce bruteForce,
                              String typed) {
        UserModel user = context.getUser();
        context.getEvent().detail(METHOD, PasswordCredentialModel.TYPE);
        if (typed == null || !user.credentialManager().isValid(UserCredentialModel.password(typed))) {
            wrong(context, bruteForce);
            return;
        }
        SignInDecision decision = AccessDecisions.of(context);
        if (decision.passwordChange()) {
            // a password change needs a browser: refused here too, so a flow without the gate cannot let it through
            SupportDetails support = refusal(context, decision, PASSWORD_CHANGE_REQUIRED);
            context.getEvent().detail(Details.REASON, PASSWORD_CHANGE_REQUIRED).error(Errors.ACCESS_DENIED);
            context.forceChallenge(oauthError("access_denied", "A password change is required for this account; sign "
                    + "in with a browser to change it. Reference " + support.getReference() + "."));
            return;
        }
        if (!settings.realPassword().accepts(decision.grantValue())) {
            SupportDetails support = refusal(context, decision, "mfa_app_password_required");
            String why = decision.grantValue().needsSecondFactor()
                    ? "A second factor is required for this sign-in" : "This sign-in needs an app password";
            context.getEvent().detail(Details.REASON, "mfa_app_password_required").error(Errors.ACCESS_DENIED);
            context.forceChallenge(oauthError("invalid_grant", why + ". Use an app password instead of your password: "
                    + "create one in your account at " + accountUrl(context) + " (Account security, Signing in, "
                    + "App password, Set up). Reference " + support.getReference() + "."));
            return;
        }
        // as Keycloak's own password step: the password's failures are cleared when the whole sign-in succeeds
        context.getAuthenticationSession().setAuthNote(AuthenticationManager.PASSWORD_VALIDATED, "true");
        context.success(PasswordCredentialModel.TYPE);
    }

    /** Describes the decision on the event and records the support reference of a refusal. */
    private static SupportDetails refusal(AuthenticationFlowContext context, SignInDecision decision, String reason) {
        AccessDecisions.describe(context.getEvent(), decision);
        SignInRisk.describe(context.getEvent(), context.getAuthenticationSession());
        // The policy's name stays on the event and behind the reference: whoever holds the password reads this.
        String policy = String.join(", ", decision.deciding());
        return SupportDetails.create(context.getRealm().getName(),
                context.getAuthenticationSession().getClient().getClientId(), context.getUser().getUsername(),
                policy.isEmpty() ? null : policy, reason).record(context.getEvent());
    }

    /** A wrong app password or password: counted as a wrong password, answered as Keycloak answers one. */
    private static void wrong(AuthenticationFlowContext context, BruteForce bruteForce) {
        bruteForce.failedStep();
        context.getEvent().detail(RESULT, "wrong").error(Errors.INVALID_USER_CREDENTIALS);
        context.failure(AuthenticationFlowError.INVALID_CREDENTIALS, oauthError("invalid_grant", "Invalid user credentials"));
    }

    /** The right app password that may not be used: said plainly (only its holder reads it), not counted as a guess. */
    private static void refuse(AuthenticationFlowContext context, String reason, String description) {
        context.getEvent().detail(RESULT, reason).detail(Details.REASON, "mfa_app_password_" + reason)
                .error(Errors.INVALID_USER_CREDENTIALS);
        context.forceChallenge(oauthError("invalid_grant", description));
    }

    /** The Account Console's Signing in page of this realm, at the address the client used. */
    static String accountUrl(AuthenticationFlowContext context) {
        String base = context.getUriInfo().getBaseUri().toString();
        return base + (base.endsWith("/") ? "" : "/") + "realms/" + context.getRealm().getName()
                + "/account/account-security/signing-in";
    }

    static Response oauthError(String error, String description) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", error, "error_description", description))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
