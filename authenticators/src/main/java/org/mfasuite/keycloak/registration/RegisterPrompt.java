package org.mfasuite.keycloak.registration;

import java.util.Set;
import java.util.stream.Collectors;

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
