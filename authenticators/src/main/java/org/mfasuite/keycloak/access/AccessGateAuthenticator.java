package org.mfasuite.keycloak.access;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserModel.RequiredAction;
import org.mfasuite.keycloak.core.Grant;
import org.mfasuite.keycloak.core.SignInDecision;
import org.mfasuite.keycloak.registration.RegisterPrompt;
import org.mfasuite.keycloak.risk.SignInRisk;
import org.mfasuite.keycloak.risk.UserRisks;
import org.mfasuite.keycloak.sms.PhonePolicy;
import org.mfasuite.keycloak.sms.PhoneRegisterActionFactory;
import org.mfasuite.keycloak.sms.SmsAuthenticatorFactory;
import org.mfasuite.keycloak.support.SupportDetails;

/**
 * Enforces the combined decision once per flow; placed after the policies and the second-factor sub-flows.
 * Blocks; lets a sign-in that met its requirement through; starts a registration where the one rule
 * ({@link org.mfasuite.keycloak.core.SecondFactor}) lets registering stand in for the factor (the user has none, or
 * gave one and must add a stronger one); refuses everything else with a page (browser) or an OAuth error (direct grant)
 * carrying a support reference. A decision that demands a password change (grant password-change) adds Keycloak's
 * UPDATE_PASSWORD required action once the second factor is met (also after a stronger method's registration that
 * followed a factor); a direct grant, which cannot set a password, is refused. A user who gave no second factor is
 * refused rather than sent to a registration when the decision demands a password change or is risk-driven (a policy
 * covers the sign-in because of {@code user-risk} or {@code sign-in-risk}): whoever holds the password must not
 * register a factor of their own; a temporary access pass still works. Refusals are not counted as failed logins: a
 * correct password from a blocked network must not lock the account.
 */
public class AccessGateAuthenticator implements Authenticator {

    /** Registration required actions by the sign-in step they set up, in the order they are offered. */
    private static final List<Map.Entry<String, String>> MFA_REGISTRATION = List.of(
            Map.entry(PhoneRegisterActionFactory.PROVIDER_ID, SmsAuthenticatorFactory.PROVIDER_ID),
            Map.entry(RequiredAction.CONFIGURE_TOTP.name(), "auth-otp-form"));
    private static final List<Map.Entry<String, String>> PHISHING_RESISTANT_REGISTRATION = List.of(
            Map.entry("webauthn-register", "webauthn-authenticator"));

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        SignInDecision decision = AccessDecisions.of(context);
        AccessDecisions.describe(context.getEvent(), decision);
        SignInRisk.describe(context.getEvent(), context.getAuthenticationSession());
        Grant grant = decision.grantValue();
        FlowPolicies flow = AccessDecisions.flow(context);
        GatePlacement.check(context.getSession(), context.getRealm(), context.getTopLevelFlow().getId(),
                context.getExecution().getId(), flow);
        if (grant == Grant.BLOCK) {
            refuse(context, decision, AccessRefusal.BLOCKED);
            return;
        }
        boolean browser = AccessDecisions.clientType(context) == ClientType.BROWSER;
        if (decision.passwordChange() && (!browser || !passwordChangeEnabled(context.getRealm()))) {
            refuse(context, decision, AccessRefusal.PASSWORD_CHANGE_NEEDED); // no page to set a new password on
            return;
        }
        if (AccessRequirement.met(context, decision, flow)) {
            if (decision.passwordChange()) {
                // after the second factor: Keycloak's own page; the user's risk clears when it succeeds (UserRisks)
                context.getAuthenticationSession().addRequiredAction(RequiredAction.UPDATE_PASSWORD);
                UserRisks.markFreshFactor(context.getSession(), context.getRealm(), context.getAuthenticationSession());
            }
            context.success();
            return;
        }
        switch (AccessRequirement.next(context, decision, flow, grant)) {
            case REGISTER -> {
                if ((decision.passwordChange() || decision.riskDriven())
                        && !AccessRequirement.given(context, decision, flow)) {
                    // a user at risk (or a risky sign-in) without a second factor: whoever holds the password must not
                    // register one of their own (and set the password); the helpdesk issues a temporary access pass
                    refuse(context, decision, AccessRefusal.NO_METHOD);
                    return;
                }
                String action = browser ? registration(context, flow, grant) : null;
                if (action != null) {
                    context.getAuthenticationSession().addRequiredAction(action);
                    if (decision.passwordChange()) {
                        context.getAuthenticationSession().addRequiredAction(RequiredAction.UPDATE_PASSWORD);
                        UserRisks.markFreshFactor(context.getSession(), context.getRealm(),
                                context.getAuthenticationSession());
                    }
                    context.getAuthenticationSession().setAuthNote(AccessRequirement.REGISTERING_NOTE, action);
                    context.success();
                } else {
                    refuse(context, decision, browser ? AccessRefusal.NO_METHOD : AccessRefusal.SECOND_FACTOR_NEEDED);
                }
            }
            case REFUSE_PHISHING_RESISTANT -> refuse(context, decision, AccessRefusal.PHISHING_RESISTANT_NEEDED);
            case REFUSE_NO_USABLE_STEP -> refuse(context, decision,
                    browser ? AccessRefusal.NO_USABLE_STEP : AccessRefusal.SECOND_FACTOR_NEEDED);
            default -> refuse(context, decision, AccessRefusal.SECOND_FACTOR_NEEDED);
        }
    }

    /** Whether the realm's Update Password required action is enabled: grant password-change runs it. */
    private static boolean passwordChangeEnabled(RealmModel realm) {
        RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(RequiredAction.UPDATE_PASSWORD.name());
        return action != null && action.isEnabled();
    }

    /** The page has no form to post; a post shows it again. */
    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    /**
     * The realm's "register a method" prompt ({@code mfa-register}) when enabled, which cannot be skipped then and
     * offers only methods the sign-in accepts; else the first registration action the realm has enabled whose method
     * this flow accepts at sign-in. Null: nothing to register.
     */
    private static String registration(AuthenticationFlowContext context, FlowPolicies flow, Grant grant) {
        if (RegisterPrompt.enabled(context.getRealm())) {
            return RegisterPrompt.require(context.getSession(), context.getRealm(), context.getUser(),
                    context.getAuthenticationSession(), grant == Grant.PHISHING_RESISTANT);
        }
        for (Map.Entry<String, String> entry : grant == Grant.PHISHING_RESISTANT
                ? PHISHING_RESISTANT_REGISTRATION : MFA_REGISTRATION) {
            RequiredActionProviderModel action = context.getRealm().getRequiredActionProviderByAlias(entry.getKey());
            boolean accepted = flow.secondFactorSteps().values().stream()
                    .anyMatch(s -> s.authenticator().equals(entry.getValue()));
            if (action != null && action.isEnabled() && accepted) {
                return entry.getKey();
            }
        }
        return null;
    }

    private static void refuse(AuthenticationFlowContext context, SignInDecision decision, AccessRefusal refusal) {
        UserModel user = context.getUser();
        String policy = String.join(", ", decision.deciding());
        SupportDetails support = SupportDetails.create(context.getRealm().getName(),
                context.getAuthenticationSession().getClient().getClientId(), user == null ? null : user.getUsername(),
                policy.isEmpty() ? null : policy, refusal.reason());
        support.record(context.getEvent());
        context.getEvent().user(user).detail(Details.REASON, refusal.reason()).error(Errors.ACCESS_DENIED);
        if (AccessDecisions.clientType(context) == ClientType.DIRECT_GRANT) {
            // no policy name: whoever holds the password reads this; the event and the reference name it
            String description = refusal.description() + ". Reference " + support.getReference() + ".";
            context.forceChallenge(Response.status(Response.Status.BAD_REQUEST)
                    .entity(Map.of("error", refusal.oauthError(), "error_description", description))
                    .type(MediaType.APPLICATION_JSON_TYPE).build());
            return;
        }
        String helpdesk = context.getAuthenticatorConfig() == null ? null
                : context.getAuthenticatorConfig().getConfig().get(AccessGateAuthenticatorFactory.HELPDESK);
        if (helpdesk == null || helpdesk.isBlank()) {
            helpdesk = PhonePolicy.of(context.getRealm()).helpdesk();
        }
        Response page = support.addTo(context.form())
                .setAttribute("mfaRefusal", new RefusalPage(refusal.messagePrefix(), helpdesk))
                .setStatus(Response.Status.FORBIDDEN)
                .createForm(RefusalPage.TEMPLATE);
        context.forceChallenge(page);
    }

    /** What {@code mfa-access-denied.ftl} shows besides the support box (getters: FreeMarker reads properties). */
    public static final class RefusalPage {
        static final String TEMPLATE = "mfa-access-denied.ftl";
        private final String messagePrefix;
        private final String helpdesk;

        RefusalPage(String messagePrefix, String helpdesk) {
            this.messagePrefix = messagePrefix;
            this.helpdesk = helpdesk;
        }

        public String getMessagePrefix() {
            return messagePrefix;
        }

        public String getHelpdesk() {
            return helpdesk;
        }
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
