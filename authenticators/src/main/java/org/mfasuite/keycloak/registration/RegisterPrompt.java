package org.mfasuite.keycloak.registration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.common.util.Time;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/** How others start the {@code mfa-register} prompt, and the facts it decides on. */
public final class RegisterPrompt {

    /** Set by conditional access: the prompt cannot be skipped; value {@code mfa} or {@code phishing-resistant}. */
    static final String REQUIRED_NOTE = "mfa-register.required";
    static final String PHISHING_RESISTANT = "phishing-resistant";

    private RegisterPrompt() {
    }

    /** Whether the realm has the prompt enabled. */
    public static boolean enabled(RealmModel realm) {
        RequiredActionProviderModel model = realm.getRequiredActionProviderByAlias(RegisterActionFactory.PROVIDER_ID);
        return model != null && model.isEnabled();
    }

    /**
     * Starts the prompt for a user who must use a second factor and has none, unless skipping it: returns its id,
     * or null when the realm offers nothing the user could register (then the caller refuses the sign-in).
     */
    public static String require(KeycloakSession session, RealmModel realm, UserModel user,
                                 AuthenticationSessionModel authSession, boolean phishingResistant) {
        RealmMethods methods = RealmMethods.of(session, realm);
        if (MethodCatalog.toRegister(methods.offered(), methods.typesOf(user), phishingResistant).isEmpty()) {
            return null;
        }
        authSession.setAuthNote(REQUIRED_NOTE, phishingResistant ? PHISHING_RESISTANT : "mfa");
        authSession.addRequiredAction(RegisterActionFactory.PROVIDER_ID);
        return RegisterActionFactory.PROVIDER_ID;
    }

    /** Why the prompt shows now (NONE: it need not). */
    static PromptReason reason(RequiredActionContext context, RealmMethods methods) {
        UserModel user = context.getUser();
        Set<String> types = methods.typesOf(user);
        boolean required = context.getAuthenticationSession().getAuthNote(REQUIRED_NOTE) != null
                || user.getRequiredActionsStream().anyMatch(RegisterActionFactory.PROVIDER_ID::equals);
        RegisterSettings settings = RegisterSettings.of(context.getRealm());
        boolean covered = !settings.campaignGroups().isEmpty() && settings.covers(groupPaths(user));
        Snooze snooze = snoozeOf(user);
        PromptReason reason = PromptReason.of(required, MethodCatalog.hasOffered(methods.offered(), types),
                MethodCatalog.allWithdrawn(methods.offered(), types), covered, snooze, settings);
        if ((reason == PromptReason.CAMPAIGN || reason == PromptReason.CAMPAIGN_FINAL) && !snooze.asks(Time.currentTime())) {
            return PromptReason.NONE; // snoozed
        }
        return reason;
    }

    static Snooze snoozeOf(UserModel user) {
        Map<String, String> values = new HashMap<>();
        String count = user.getFirstAttribute(Snooze.COUNT_ATTRIBUTE);
        String until = user.getFirstAttribute(Snooze.UNTIL_ATTRIBUTE);
        if (count != null) {
            values.put(Snooze.COUNT_ATTRIBUTE, count);
        }
        if (until != null) {
            values.put(Snooze.UNTIL_ATTRIBUTE, until);
        }
        return Snooze.from(values);
    }

    /** The methods the prompt lists for this user now. */
    static List<MethodOption> options(RequiredActionContext context, RealmMethods methods) {
        boolean phishingResistant = PHISHING_RESISTANT.equals(
                context.getAuthenticationSession().getAuthNote(REQUIRED_NOTE));
        return MethodCatalog.toRegister(methods.offered(), methods.typesOf(context.getUser()), phishingResistant);
    }

    /** The user's group paths, parents included ({@code /staff/interns} gives {@code /staff} too). */
    static Set<String> groupPaths(UserModel user) {
        return user.getGroupsStream().map(RegisterPrompt::path).collect(Collectors.toSet());
    }

    private static String path(GroupModel group) {
        StringBuilder path = new StringBuilder();
        for (GroupModel g = group; g != null; g = g.getParent()) {
            path.insert(0, "/" + g.getName());
        }
        return path.toString();
    }
}
