package org.mfasuite.keycloak.apppassword;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;

import org.keycloak.authentication.CredentialRegistrator;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.mfasuite.keycloak.access.FreshSecondFactor;

/**
 * Creates an app password: the user names it (and may limit it to one application and pick its expiry), the suite
 * generates it and shows it once, with a copy button; a refresh of that page never shows it again. Runs from the
 * Account Console's "Set up" (application-initiated) and as a required action an admin sets.
 */
public class AppPasswordCreateAction implements RequiredActionProvider, CredentialRegistrator {

    /** Set once the app password exists: the page that showed it is not shown with the secret again. */
    private static final String CREATED_NOTE = AppPasswordCreateActionFactory.PROVIDER_ID + ".created";

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public String getCredentialType(KeycloakSession session, AuthenticationSessionModel authenticationSession) {
        return AppPasswordCredentialModel.TYPE;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        String created = context.getAuthenticationSession().getAuthNote(CREATED_NOTE);
        AppPasswordForm form = form(context);
        if (created == null && !freshSecondFactor(context)) {
            context.challenge(form.verify(FreshSecondFactor.minutes(context.getRealm())));
            return;
        }
        context.challenge(created != null ? form.createdAgain(created) : form.create(null, null));
    }

    /**
     * Whether this SSO session gave a second factor recently enough to create an app password. The sign-in that
     * runs this action asks for one itself (conditional access treats it as needing a fresh second factor, see
     * {@link FreshSecondFactor}): a required action cannot run an authenticator, the flow's own step can. This check
     * stops a flow that has no such step.
     */
    private static boolean freshSecondFactor(RequiredActionContext context) {
        return FreshSecondFactor.given(context.getSession(), context.getRealm(), context.getAuthenticationSession(),
                FreshSecondFactor.minutes(context.getRealm()));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> params = context.getHttpRequest().getDecodedFormParameters();
        if (context.getAuthenticationSession().getAuthNote(CREATED_NOTE) != null) {
            context.getAuthenticationSession().removeAuthNote(CREATED_NOTE);
            context.success();
            return;
        }
        AppPasswordForm form = form(context);
        if (!freshSecondFactor(context)) {
            if ("continue".equals(params.getFirst(AppPasswordForm.ACTION))) {
                context.ignore(); // nothing is created; an admin-set action stays for the next sign-in
                return;
            }
            context.challenge(form.verify(FreshSecondFactor.minutes(context.getRealm())));
            return;
        }
        if (!"create".equals(params.getFirst(AppPasswordForm.ACTION)) || !form.canCreate()) {
            if (!form.canCreate() && "continue".equals(params.getFirst(AppPasswordForm.ACTION))) {
                context.success(); // a prompt the user cannot follow (not allowed, or at the maximum) is left
                return;
            }
            context.challenge(form.create(null, null));
            return;
        }
        AppPasswordForm.Request request = form.read(params);
        if (request.problem() != null) {
            context.challenge(form.create(request, request.problem()));
            return;
        }
        long expiresAt = request.expiryDays() > 0 ? Time.currentTime() + request.expiryDays() * 86400L : 0;
        AppPasswordCredentialProvider provider = AppPasswordCredentialProvider.of(context.getSession());
        Optional<AppPasswordCredentialProvider.Created> created = provider.create(context.getRealm(), context.getUser(),
                request.name(), request.client() == null ? List.of() : List.of(request.client()), expiresAt);
        context.getEvent().event(EventType.UPDATE_CREDENTIAL).detail(Details.CREDENTIAL_TYPE, AppPasswordCredentialModel.TYPE)
                .detail(AppPasswordAuthenticator.METHOD, AppPasswordAuthenticator.APP_PASSWORD);
        if (created.isEmpty()) {
            context.getEvent().detail(Details.REASON, "no_key").error(Errors.INVALID_CONFIG);
            context.challenge(form.create(request, "mfa-app-password-no-key"));
            return;
        }
        context.getEvent().detail(Details.CREDENTIAL_ID, created.get().stored().getId())
                .detail(AppPasswordAuthenticator.RESULT, "created").success();
        context.getAuthenticationSession().setAuthNote(CREATED_NOTE, request.name());
        context.challenge(form.created(request.name(), created.get()));
    }

    private static AppPasswordForm form(RequiredActionContext context) {
        AppPasswordSettings settings = AppPasswordSettings.of(context.getRealm());
        AppPasswordCredentialProvider provider = AppPasswordCredentialProvider.of(context.getSession());
        // app passwords revoked by a new password go now, so they neither count nor confuse
        provider.list(context.getUser()).stream().filter(r -> provider.isRevoked(context.getUser(), r, settings))
                .forEach(r -> provider.deleteCredential(context.getRealm(), context.getUser(), r.getId()));
        return new AppPasswordForm(context, settings, provider.list(context.getUser()));
    }

    @Override
    public void close() {
    }
}
