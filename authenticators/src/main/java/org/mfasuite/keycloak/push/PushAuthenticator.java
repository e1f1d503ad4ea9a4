package org.mfasuite.keycloak.push;

import java.util.List;
import java.util.UUID;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.CredentialValidator;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.MessageType;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.mfasuite.keycloak.challenge.BruteForce;
import org.mfasuite.keycloak.challenge.WindowBudget;
import org.mfasuite.keycloak.support.SupportDetails;
import org.mfasuite.keycloak.flow.OtherWays;
import org.mfasuite.keycloak.risk.SignInRisk;
import org.mfasuite.keycloak.trust.DeviceName;

/**
 * Sign-in step: sends a push request to the user's phones and shows the number to pick there. The request is bound
 * to this sign-in (its id in the authentication session); the answer may arrive at any node. The page waits for
 * it (script) or the user presses "Continue". Sent at once only when push is the user's only method here or was
 * picked in "Try another way", as the SMS step does.
 */
public class PushAuthenticator implements Authenticator, CredentialValidator<PushDeviceCredentialProvider> {

    static final String CHALLENGE_NOTE = PushAuthenticatorFactory.PROVIDER_ID + ".challenge";

    /** What one request reads once: the user's devices and the other ways they can use. */
    private record Step(List<PushDeviceCredentialModel> devices, List<String> otherWays) {
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Step step = step(context);
        if (step.devices().isEmpty()) {
            context.failure(AuthenticationFlowError.CREDENTIAL_SETUP_REQUIRED);
            return;
        }
        String id = context.getAuthenticationSession().getAuthNote(CHALLENGE_NOTE);
        if (id != null) {
            // a refresh or a return: never a second request, but an answer that came is taken
            check(context, step, id, false);
        } else if (pickedInChooser(context) || step.otherWays().isEmpty()) {
            send(context, step);
        } else {
            context.challenge(form(context, step).state(PushForm.State.READY).create());
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        Step step = step(context);
        if (step.devices().isEmpty()) {
            context.failure(AuthenticationFlowError.CREDENTIAL_SETUP_REQUIRED);
            return;
        }
        String action = context.getHttpRequest().getDecodedFormParameters().getFirst(PushForm.ACTION);
        String id = context.getAuthenticationSession().getAuthNote(CHALLENGE_NOTE);
        if ("send".equals(action) || id == null) {
            send(context, step);
        } else {
            check(context, step, id, true);
        }
    }

    private void send(AuthenticationFlowContext context, Step step) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        PushSettings settings = settings(context);
        long now = Time.currentTime();
        PushForm page = form(context, step);
        long mutedUntil = new PushMute(session.singleUseObjects()).mutedUntil(realm.getId(), user.getId(), now);
        if (mutedUntil > 0) {
            context.challenge(page.state(PushForm.State.UNAVAILABLE).mutedUntil(mutedUntil)
                    .message(MessageType.ERROR, "mfa-push-muted").create());
            return;
        }
        if (new BruteForce(session, realm, user).isLockedOut()) {
            context.challenge(page.state(PushForm.State.UNAVAILABLE).message(MessageType.ERROR, "mfa-push-unavailable").create());
            return;
        }
        WindowBudget budget = new WindowBudget(session.singleUseObjects());
        String subject = "mfa-push:" + realm.getId() + ":" + user.getId();
        WindowBudget.Ticket ticket = budget.claim(subject, settings.pushLimit(), PushSettings.LIMIT_WINDOW_SECONDS, now);
        PushChallenges challenges = new PushChallenges(session.singleUseObjects());
        String previous = context.getAuthenticationSession().getAuthNote(CHALLENGE_NOTE);
        if (ticket == null) {
            // the request already on the phone stays answerable; without one there is nothing to wait for
            PushChallenge live = previous == null ? null : challenges.load(previous);
            if (live != null && live.isLive(now) && !challenges.isAnswered(previous)) {
                page.waiting(live, now);
            } else {
                page.state(PushForm.State.UNAVAILABLE);
            }
            context.challenge(page.waitSeconds(WindowBudget.secondsLeft(PushSettings.LIMIT_WINDOW_SECONDS, now))
                    .message(MessageType.WARNING, "mfa-push-limit", settings.pushLimit()).create());
            return;
        }
        if (previous != null) {
            if (!challenges.isAnswered(previous)) {
                // "Send again" replaces a request nobody answered: it counts toward mfa-fatigue as an expired one
                SignInRisk.pushUnanswered(session, realm, user, previous);
            }
            challenges.close(previous, now);
        }
        PushChallenge challenge = newChallenge(context, settings, now);
        if (!challenges.open(challenge, now)) {
            budget.release(ticket);
            context.challenge(page.state(PushForm.State.UNAVAILABLE)
                    .message(MessageType.WARNING, "mfa-push-limit", settings.pushLimit()).create());
            return;
        }
        budget.commit(ticket);
        context.getAuthenticationSession().setAuthNote(CHALLENGE_NOTE, challenge.id());
        List<PushDeviceCredentialModel> devices = step.devices();
        PushEvents.activity(context.getEvent().clone(), PushEvents.STEP_SEND).user(user)
                .detail(PushEvents.CHALLENGE, challenge.id()).detail("mfa_devices", Integer.toString(devices.size()))
                .detail(SupportDetails.EVENT_DETAIL, SupportDetails.referenceOf(challenge.id())).success();
        PushNotifier.afterCommit(session, realm, context.getAuthenticatorConfig() == null ? null
                : context.getAuthenticatorConfig().getConfig(), user, devices, challenge);
        context.challenge(page.waiting(challenge, now).create());
    }

    private PushChallenge newChallenge(AuthenticationFlowContext context, PushSettings settings, long now) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String agent = context.getSession().getContext().getRequestHeaders().getHeaderString("User-Agent");
        String client = clientName(context);
        return new PushChallenge(UUID.randomUUID().toString(), context.getUser().getId(), NumberMatch.draw(settings.numberMatching()), now,
                now + settings.challengeSeconds(), client, context.getConnection().getRemoteAddr(),
                DeviceName.browser(agent), DeviceName.system(agent), settings.muteMinutes());
    }

    /**
     * The application's name as the user knows it: a name given as a message key ({@code ${client_account-console}},
     * as Keycloak's own clients have) is resolved in the user's language, else the client id.
     */
    private static String clientName(AuthenticationFlowContext context) {
        org.keycloak.models.ClientModel client = context.getAuthenticationSession().getClient();
        String name = client.getName();
        if (name == null || name.isBlank()) {
            return client.getClientId();
        }
        if (name.startsWith("${") && name.endsWith("}")) {
            try {
                String resolved = context.getSession().theme().getTheme(org.keycloak.theme.Theme.Type.LOGIN)
                        .getMessages(context.getSession().getContext().resolveLocale(context.getUser()))
                        .getProperty(name.substring(2, name.length() - 1));
                return resolved == null || resolved.isBlank() ? client.getClientId() : resolved;
            } catch (java.io.IOException | RuntimeException e) {
                return client.getClientId();
            }
        }
        return name;
    }

    /** The answer to the pending request, if any; {@code asked}: the user pressed "Continue". */
    private void check(AuthenticationFlowContext context, Step step, String id, boolean asked) {
        long now = Time.currentTime();
        PushChallenges challenges = new PushChallenges(context.getSession().singleUseObjects());
        PushChallenge challenge = challenges.load(id);
        PushChallenges.Answer answer = challenges.answerOf(id);
        PushForm page = form(context, step);
        PushEvents.describe(context.getEvent().user(context.getUser()), PushEvents.STEP_CHECK).detail(PushEvents.CHALLENGE, id)
                .detail(SupportDetails.EVENT_DETAIL, SupportDetails.referenceOf(id));
        if (answer == null) {
            if (challenge != null && challenge.isLive(now)) {
                page.waiting(challenge, now);
                context.challenge((asked ? page.message(MessageType.INFO, "mfa-push-not-yet") : page).create());
            } else {
                context.getAuthenticationSession().removeAuthNote(CHALLENGE_NOTE);
                SignInRisk.pushUnanswered(context.getSession(), context.getRealm(), context.getUser(), id);
                SignInRisk.describe(context.getEvent(), context.getAuthenticationSession());
                context.getEvent().detail(PushEvents.RESULT, "expired").detail(Details.REASON, "expired").error(Errors.EXPIRED_CODE);
                context.challenge(page.state(PushForm.State.ENDED).message(MessageType.ERROR, "mfa-push-expired").create());
            }
            return;
        }
        context.getAuthenticationSession().removeAuthNote(CHALLENGE_NOTE);
        if (answer.deviceLabel() != null && !answer.deviceLabel().isEmpty()) {
            context.getEvent().detail(PushEvents.DEVICE, answer.deviceLabel());
        }
        BruteForce bruteForce = new BruteForce(context.getSession(), context.getRealm(), context.getUser());
        switch (answer.result()) {
            case APPROVED -> {
                // taken once: a doubled or replayed "Continue" finds nothing left
                if (challenges.consume(id) == null) {
                    context.challenge(page.state(PushForm.State.ENDED).message(MessageType.ERROR, "mfa-push-expired").create());
                    return;
                }
                bruteForce.succeeded();
                context.getEvent().detail(PushEvents.RESULT, "approved").detail(Details.SELECTED_CREDENTIAL_ID, answer.deviceCredentialId());
                context.success(PushDeviceCredentialModel.TYPE);
            }
            case WRONG_NUMBER -> {
                bruteForce.failedStep();
                context.getEvent().detail(PushEvents.RESULT, "wrong_number").detail(Details.REASON, "wrong_number")
                        .error(Errors.INVALID_USER_CREDENTIALS);
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                        page.state(PushForm.State.ENDED).message(MessageType.ERROR,
                                challenge != null && challenge.match().mode() == NumberMatch.Mode.CHOOSE
                                        ? "mfa-push-wrong-number" : "mfa-push-wrong-number-type").create());
            }
            case DENIED -> {
                SignInRisk.pushUnanswered(context.getSession(), context.getRealm(), context.getUser(), id);
                SignInRisk.describe(context.getEvent(), context.getAuthenticationSession());
                context.getEvent().detail(PushEvents.RESULT, "denied").detail(Details.REASON, "denied")
                        .error(Errors.ACCESS_DENIED);
                context.challenge(page.state(PushForm.State.ENDED).message(MessageType.ERROR, "mfa-push-denied").create());
            }
            case REPORTED -> {
                context.getEvent().detail(PushEvents.RESULT, "reported").detail(Details.REASON, "reported")
                        .error(PushEvents.ERROR_REPORTED);
                long mutedUntil = new PushMute(context.getSession().singleUseObjects())
                        .mutedUntil(context.getRealm().getId(), context.getUser().getId(), now);
                context.challenge(page.state(PushForm.State.UNAVAILABLE).mutedUntil(mutedUntil)
                        .message(MessageType.ERROR, "mfa-push-reported").create());
            }
        }
    }

    /** The user chose this step in Keycloak's "Try another way" list just now. */
    private static boolean pickedInChooser(AuthenticationFlowContext context) {
        if (!"POST".equals(context.getHttpRequest().getHttpMethod())) {
            return false;
        }
        String picked = context.getHttpRequest().getDecodedFormParameters().getFirst(Constants.AUTHENTICATION_EXECUTION);
        return context.getExecution().getId().equals(picked);
    }

    private Step step(AuthenticationFlowContext context) {
        List<PushDeviceCredentialModel> devices = getCredentialProvider(context.getSession()).devicesOf(context.getUser());
        return new Step(devices, devices.isEmpty() ? List.of() : usableOtherWays(context));
    }

    private PushForm form(AuthenticationFlowContext context, Step step) {
        return new PushForm(OtherWays.onPage(context, context.form()), step.devices(), settings(context),
                PushUrls.base(context.getSession(), context.getRealm()), step.otherWays())
                .tab(context.getAuthenticationSession().getTabId());
    }

    /**
     * The other steps of this sign-in the user can really use: Keycloak also lists steps that check no credential
     * (a call step) for users who lack what they need, and they must not keep the request from going out at once.
     */
    private static List<String> usableOtherWays(AuthenticationFlowContext context) {
        return OtherWays.of(context).stream()
                .filter(s -> !s.getAuthExecId().equals(context.getExecution().getId()))
                .filter(s -> OtherWays.usable(context, s.getAuthenticationExecution().getAuthenticator()))
                .map(s -> s.getAuthExecId()).toList();
    }


    private static PushSettings settings(AuthenticationFlowContext context) {
        return PushSettings.from(context.getAuthenticatorConfig() == null ? null : context.getAuthenticatorConfig().getConfig());
    }

    @Override
    public PushDeviceCredentialProvider getCredentialProvider(KeycloakSession session) {
        return PushDeviceCredentialProvider.of(session);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return getCredentialProvider(session).isConfiguredFor(realm, user, PushDeviceCredentialModel.TYPE);
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        if (session.getContext().getAuthenticationSession() != null) {
            session.getContext().getAuthenticationSession().addRequiredAction(PushEnrollActionFactory.PROVIDER_ID);
        }
    }

    @Override
    public List<RequiredActionFactory> getRequiredActions(KeycloakSession session) {
        return List.of((RequiredActionFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(RequiredActionProvider.class, PushEnrollActionFactory.PROVIDER_ID));
    }

    @Override
    public void close() {
    }
}
