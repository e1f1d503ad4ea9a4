package org.mfasuite.keycloak.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compat adapters, each run against every supported release's own Keycloak jars: the adapter classes and
 * Keycloak's are loaded in a class loader of that release ({@link KeycloakRelease#classLoader}), so the adapter
 * finds that release's members, and Keycloak's interfaces are stood in for by recording proxies.
 */
class CompatAdaptersTest {

    private static final String COMPAT = "org.mfasuite.keycloak.compat";
    /** What each minor release's BruteForceProtector receives as its last argument for a check of {@code otp}. */
    private static final Map<String, String> SHAPES = Map.of("26.5", "NO_TYPE", "26.6", "TYPE", "26.7", "TYPES");

    static Stream<KeycloakRelease> releases() {
        return KeycloakRelease.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void bruteForceReportsReachTheProtectorInThisReleasesShape(KeycloakRelease release) throws Exception {
        try (URLClassLoader loader = release.classLoader(COMPAT)) {
            Class<?> calls = loader.loadClass(COMPAT + ".BruteForceProtectorCalls");
            assertEquals(SHAPES.get(release.minor()), calls.getMethod("shape").invoke(null).toString(), "found shape");
            // 26.5 counts every failed authenticator step itself (AuthenticationProcessor.logFailure()), later ones do not
            assertEquals(release.minor().equals("26.5"), calls.getMethod("keycloakCountsEveryFailedStep").invoke(null));

            Class<?> protectorType = loader.loadClass("org.keycloak.services.managers.BruteForceProtector");
            List<String> received = new ArrayList<>();
            Object protector = proxy(loader, protectorType, (method, args) -> {
                received.add(method.getName() + Arrays.asList(args).subList(4, args.length));
                return null;
            });
            Object realm = proxy(loader, loader.loadClass("org.keycloak.models.RealmModel"), (m, a) -> null);
            Object user = proxy(loader, loader.loadClass("org.keycloak.models.UserModel"), (m, a) -> null);
            Object connection = proxy(loader, loader.loadClass("org.keycloak.common.ClientConnection"), (m, a) -> null);
            Object uri = proxy(loader, UriInfo.class, (m, a) -> null);
            Class<?>[] parameters = {protectorType, realm.getClass().getInterfaces()[0], user.getClass().getInterfaces()[0],
                    connection.getClass().getInterfaces()[0], UriInfo.class, String.class};

            calls.getMethod("failedLogin", parameters).invoke(null, protector, realm, user, connection, uri, "otp");
            calls.getMethod("successfulLogin", parameters).invoke(null, protector, realm, user, connection, uri, "password");

            List<String> expected = switch (release.minor()) {
                case "26.5" -> List.of("failedLogin[]", "successfulLogin[]");
                case "26.6" -> List.of("failedLogin[otp]", "successfulLogin[password]");
                default -> List.of("failedLogin[" + Set.of("otp") + "]", "successfulLogin[" + Set.of("password") + "]");
            };
            assertEquals(expected, received);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void aClientsFlowOverrideIsTheFlowKeycloakRuns(KeycloakRelease release) throws Exception {
        try (URLClassLoader loader = release.classLoader(COMPAT)) {
            Class<?> bindings = loader.loadClass(COMPAT + ".FlowBindings");
            Method override = bindings.getMethod("override", loader.loadClass("org.keycloak.models.ClientModel"), String.class);
            Class<?> flowType = loader.loadClass("org.keycloak.models.AuthenticationFlowModel");
            Object customFlow = flowType.getConstructor().newInstance();
            flowType.getMethod("setId", String.class).invoke(customFlow, "flow-1");
            Object realm = proxy(loader, loader.loadClass("org.keycloak.models.RealmModel"), (method, args) ->
                    method.getName().equals("getAuthenticationFlowById") && "flow-1".equals(args[0]) ? customFlow : null);
            Function<String, Object> clientWithBrowserOverride = flowId -> proxy(loader, override.getParameterTypes()[0],
                    (method, args) -> switch (method.getName()) {
                        case "getAuthenticationFlowBindingOverride" -> "browser".equals(args[0]) ? flowId : null;
                        case "getRealm" -> realm;
                        case "getClientId" -> "app";
                        default -> null;
                    });

            assertSame(customFlow, override.invoke(null, clientWithBrowserOverride.apply("flow-1"), "browser"));
            assertNull(override.invoke(null, clientWithBrowserOverride.apply("flow-1"), "direct_grant"), "no override");
            assertNull(override.invoke(null, clientWithBrowserOverride.apply("deleted-flow"), "browser"),
                    "an override naming a missing flow falls back to the realm's flow");
        }
    }

    interface Handler {
        Object answer(Method method, Object[] args) throws Exception;
    }

    private static Object proxy(ClassLoader loader, Class<?> type, Handler handler) {
        return Proxy.newProxyInstance(loader, new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> type.getSimpleName() + " stand-in";
                };
            }
            try {
                return handler.answer(method, args == null ? new Object[0] : args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
