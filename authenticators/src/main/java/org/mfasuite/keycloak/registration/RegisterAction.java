package org.mfasuite.keycloak.registration;

import java.util.List;

import jakarta.ws.rs.core.MultivaluedMap;

import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.mfasuite.keycloak.flow.DefaultChoice;
import org.mfasuite.keycloak.sms.PhonePolicy;
import org.mfasuite.keycloak.support.SupportDetails;

/**
 * The "register a method" prompt ({@code mfa-register}). Triggered when conditional access requires a factor the
 * user lacks (the gate starts it), when an admin sets it or resets the user's methods, when every method the user
 * has was withdrawn from the flow, and by a registration campaign (with "Not now"). The user picks a method; its own
 * set-up action runs; the prompt comes back to let the user pick the default method (first at sign-in).
 */
public class RegisterAction implements RequiredActionProvider {

    /** The set-up action the prompt started; while set, the prompt comes back after it for the default. */
    static final String PENDING_NOTE = "mfa-register.pending";
    /** Set while the default page is shown. */
    static final String DEFAULT_NOTE = "mfa-register.default";
    static final String DETAIL_RESULT = "mfa_result";
    static final String DETAIL_METHOD = "mfa_method";

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.NOT_SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        UserModel user = context.getUser();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (user == null || authSession == null || directGrant(context)) {
            return; // a page prompt: the password grant cannot show it, and must not fail for a campaign
        }
        String pending = authSession.getAuthNote(PENDING_NOTE);
        if (pending != null) {
            if (!outstanding(authSession, user, pending)) {
                authSession.addRequiredAction(RegisterActionFactory.PROVIDER_ID); // back for the default
            }
            return;
        }
        if (outstanding(authSession, user, RegisterActionFactory.PROVIDER_ID)) {
            return;
        }
        if (RegisterPrompt.reason(context, RealmMethods.of(context.getSession(), context.getRealm())) != PromptReason.NONE) {
            authSession.addRequiredAction(RegisterActionFactory.PROVIDER_ID);
        }
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        RealmMethods methods = RealmMethods.of(context.getSession(), context.getRealm());
        if (authSession.getAuthNote(PENDING_NOTE) != null) {
            authSession.removeAuthNote(PENDING_NOTE);
            List<CredentialModel> registered = methods.offeredCredentialsOf(context.getUser());
            if (registered.size() > 1) {
                authSession.setAuthNote(DEFAULT_NOTE, "1");
                context.challenge(form(context).chooseDefault(choices(methods, registered)));
                return;
            }
            if (registered.size() == 1) {
                DefaultMethod.make(context.getUser(), registered.get(0).getId());
                authSession.removeAuthNote(RegisterPrompt.REQUIRED_NOTE);
                context.success();
                return;
            }
        }
        if (authSession.getAuthNote(DEFAULT_NOTE) != null) {
            context.challenge(form(context).chooseDefault(choices(methods, methods.offeredCredentialsOf(context.getUser()))));
            return;
        }
        choose(context, methods);
    }

    private void choose(RequiredActionContext context, RealmMethods methods) {
        PromptReason reason = RegisterPrompt.reason(context, methods);
        if (reason == PromptReason.NONE) {
            context.success();
            return;
        }
        List<MethodOption> options = RegisterPrompt.options(context, methods);
        if (options.isEmpty()) {
            if (!reason.mandatory()) {
                context.success();
                return;
            }
            SupportDetails support = SupportDetails.create(context.getRealm().getName(),
                    context.getAuthenticationSession().getClient().getClientId(), context.getUser().getUsername(),
                    null, "mfa_no_method");
            org.keycloak.events.EventBuilder event = context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION_ERROR)
                    .detail(Details.CUSTOM_REQUIRED_ACTION, RegisterActionFactory.PROVIDER_ID)
                    .detail(Details.REASON, "mfa_no_method");
            support.record(event);
            event.error(Errors.INVALID_USER);
            context.challenge(new RegisterForm(support.addTo(context.form()), helpdesk(context.getRealm())).none());
            return;
        }
        if (reason.mandatory() && options.size() == 1) {
            start(context, options.get(0), true); // one way forward: straight into its set-up
            return;
        }
        int left = Math.max(0, RegisterSettings.of(context.getRealm()).maxSnoozes() - RegisterPrompt.snoozeOf(context.getUser()).count());
        context.challenge(form(context).choose(reason, options, left));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String action = form.getFirst(RegisterForm.ACTION) == null ? "" : form.getFirst(RegisterForm.ACTION);
        RealmMethods methods = RealmMethods.of(context.getSession(), context.getRealm());
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (authSession.getAuthNote(DEFAULT_NOTE) != null) {
            String id = action.startsWith("default:") ? action.substring("default:".length()) : "";
            List<CredentialModel> registered = methods.offeredCredentialsOf(context.getUser());
            CredentialModel chosen = registered.stream().filter(c -> c.getId().equals(id)).findFirst().orElse(null);
            if (chosen == null) {
                requiredActionChallenge(context);
                return;
            }
            boolean changed = !registered.get(0).getId().equals(chosen.getId());
            DefaultChoice.setByUser(context.getUser(), chosen.getId()); // recorded: the strongest-first rule keeps it
            authSession.removeAuthNote(DEFAULT_NOTE);
            authSession.removeAuthNote(RegisterPrompt.REQUIRED_NOTE);
            context.getEvent().detail(DETAIL_RESULT, "default").detail(DETAIL_METHOD, chosen.getType());
            if (changed) {
                SecurityEmails.of(context.getSession(), context.getRealm()).send(context.getUser(),
                        SecurityEmails.Kind.DEFAULT_CHANGED, SecurityEmails.describe(chosen));
            }
            context.success();
            return;
        }
        PromptReason reason = RegisterPrompt.reason(context, methods);
        if (action.equals("snooze") && reason == PromptReason.CAMPAIGN) {
            snooze(context);
            return;
        }
        if (action.startsWith("method:")) {
            String type = action.substring("method:".length());
            MethodOption option = RegisterPrompt.options(context, methods).stream().filter(m -> m.type().equals(type))
                    .findFirst().orElse(null);
            if (option != null) {
                start(context, option, reason.mandatory());
                return;
            }
        }
        requiredActionChallenge(context);
    }

    /**
     * Runs the method's own set-up next. When the prompt is mandatory the set-up is put on the user, so a user who
     * leaves it half-way meets it again at the next sign-in.
     */
    private void start(RequiredActionContext context, MethodOption option, boolean mandatory) {
        String alias = alias(context.getRealm(), option.createAction());
        if (mandatory) {
            context.getUser().addRequiredAction(alias);
        } else {
            context.getAuthenticationSession().addRequiredAction(alias);
        }
        context.getAuthenticationSession().setAuthNote(PENDING_NOTE, alias);
        context.getEvent().detail(DETAIL_RESULT, "chosen").detail(DETAIL_METHOD, option.type());
        context.success();
    }

    private void snooze(RequiredActionContext context) {
        RegisterSettings settings = RegisterSettings.of(context.getRealm());
        UserModel user = context.getUser();
        Snooze next = RegisterPrompt.snoozeOf(user).snoozed(Time.currentTime(), settings);
        user.setSingleAttribute(Snooze.COUNT_ATTRIBUTE, String.valueOf(next.count()));
        user.setSingleAttribute(Snooze.UNTIL_ATTRIBUTE, String.valueOf(next.untilSecond()));
        context.getEvent().detail(DETAIL_RESULT, "snoozed").detail("mfa_snoozes", String.valueOf(next.count()));
        context.success();
    }

    private static List<RegisterForm.Choice> choices(RealmMethods methods, List<CredentialModel> credentials) {
        return credentials.stream().map(c -> new RegisterForm.Choice(c.getId(),
                methods.installed(c.getType()).displayName(), MethodLabels.of(c))).toList();
    }

    /** The password grant evaluates triggers too, at the token endpoint, where a required action fails the grant. */
    private static boolean directGrant(RequiredActionContext context) {
        return context.getUriInfo() != null && context.getUriInfo().getPath().endsWith("/protocol/openid-connect/token");
    }

    private static boolean outstanding(AuthenticationSessionModel authSession, UserModel user, String alias) {
        return authSession.getRequiredActions().contains(alias)
                || user.getRequiredActionsStream().anyMatch(alias::equals);
    }

    private static String alias(RealmModel realm, String providerId) {
        return realm.getRequiredActionProvidersStream().filter(a -> providerId.equals(a.getProviderId()))
                .map(RequiredActionProviderModel::getAlias).findFirst().orElse(providerId);
    }

    private static RegisterForm form(RequiredActionContext context) {
        return new RegisterForm(context.form(), helpdesk(context.getRealm()));
    }

    private static String helpdesk(RealmModel realm) {
        return PhonePolicy.of(realm).helpdesk();
    }

    @Override
    public void close() {
    }
}
