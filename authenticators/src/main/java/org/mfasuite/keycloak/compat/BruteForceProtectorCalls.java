package org.mfasuite.keycloak.compat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Set;

import jakarta.ws.rs.core.UriInfo;

import org.keycloak.common.ClientConnection;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * {@link BruteForceProtector#failedLogin} and {@link BruteForceProtector#successfulLogin} on every supported Keycloak.
 * Their last parameter, the credential type the check counts for, has three shapes:
 * <ul>
 * <li>26.7: {@code Set<String>} (compiled against; called directly),</li>
 * <li>26.6: {@code String},</li>
 * <li>26.5: none (26.5 counts every failure alike, and a success clears them all).</li>
 * </ul>
 * The shape is found once, when this class is loaded; an older one is called through a method handle.
 */
public final class BruteForceProtectorCalls {

    /** Which shape this Keycloak has. */
    public enum Shape { NO_TYPE, TYPE, TYPES }

    static final Shape SHAPE;
    /** The older shape's method, adapted to (protector, realm, user, connection, uri, type), or null on 26.7. */
    private static final MethodHandle FAILED;
    private static final MethodHandle SUCCEEDED;

    static {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodType base = MethodType.methodType(void.class, RealmModel.class, UserModel.class, ClientConnection.class,
                UriInfo.class);
        MethodType typed = base.appendParameterTypes(String.class);
        if (find(lookup, "failedLogin", base.appendParameterTypes(Set.class)) != null) {
            SHAPE = Shape.TYPES;
            FAILED = null;
            SUCCEEDED = null;
        } else if (find(lookup, "failedLogin", typed) != null) {
            SHAPE = Shape.TYPE;
            FAILED = required(lookup, "failedLogin", typed);
            SUCCEEDED = required(lookup, "successfulLogin", typed);
        } else {
            SHAPE = Shape.NO_TYPE;
            FAILED = MethodHandles.dropArguments(required(lookup, "failedLogin", base), 5, String.class);
            SUCCEEDED = MethodHandles.dropArguments(required(lookup, "successfulLogin", base), 5, String.class);
        }
    }

    private BruteForceProtectorCalls() {
    }

    public static Shape shape() {
        return SHAPE;
    }

    /**
     * Whether Keycloak itself reports every failed authenticator step ({@code context.failure} or
     * {@code failureChallenge}) to the protector, whatever the step's reference category: 26.5 does. From 26.6 it
     * reports only the steps of its own categories ({@code password}, {@code otp}, {@code recovery-authn-codes}),
     * so the suite's steps report themselves.
     */
    public static boolean keycloakCountsEveryFailedStep() {
        return SHAPE == Shape.NO_TYPE;
    }

    /** A failed check of a credential of {@code credentialType} ({@code otp}, {@code password}, ...). */
    public static void failedLogin(BruteForceProtector protector, RealmModel realm, UserModel user,
            ClientConnection connection, UriInfo uri, String credentialType) {
        if (FAILED == null) {
            protector.failedLogin(realm, user, connection, uri, Set.of(credentialType));
        } else {
            invoke(FAILED, protector, realm, user, connection, uri, credentialType);
        }
    }

    /** A successful check of a credential of {@code credentialType}: clears that type's failures (26.5: all). */
    public static void successfulLogin(BruteForceProtector protector, RealmModel realm, UserModel user,
            ClientConnection connection, UriInfo uri, String credentialType) {
        if (SUCCEEDED == null) {
            protector.successfulLogin(realm, user, connection, uri, Set.of(credentialType));
        } else {
            invoke(SUCCEEDED, protector, realm, user, connection, uri, credentialType);
        }
    }

    private static void invoke(MethodHandle method, BruteForceProtector protector, RealmModel realm, UserModel user,
            ClientConnection connection, UriInfo uri, String credentialType) {
        try {
            method.invokeExact(protector, realm, user, connection, uri, credentialType);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) { // the interface's methods declare no checked exception
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle find(MethodHandles.Lookup lookup, String name, MethodType type) {
        try {
            return lookup.findVirtual(BruteForceProtector.class, name, type);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle required(MethodHandles.Lookup lookup, String name, MethodType type) {
        MethodHandle method = find(lookup, name, type);
        if (method == null) {
            throw new IllegalStateException("This Keycloak's BruteForceProtector has no " + name + type
                    + " (supported: Keycloak 26.5 to 26.7)");
        }
        return method;
    }
}
