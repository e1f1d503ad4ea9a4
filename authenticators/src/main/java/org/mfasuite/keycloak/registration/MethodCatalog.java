package org.mfasuite.keycloak.registration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which methods a realm offers, decided in one place. The single source of truth is the realm's browser flow:
 * a method is offered when an enabled execution of that flow (sub-flows included) checks its credential type,
 * and the required action that sets it up is enabled. So the prompt never offers what sign-in will not accept,
 * and a method taken out of the flow is no longer offered (nor used) at once.
 */
public final class MethodCatalog {

    /** The order methods are shown in; methods the suite adds later follow, in flow order. */
    private static final List<String> PREFERRED = List.of("mfa-phone", "otp", "webauthn", "webauthn-passwordless",
            "recovery-authn-codes");

    private MethodCatalog() {
    }

    /**
     * @param flowTypes      credential types checked by the enabled executions of the browser flow, in flow order
     * @param installed      every installed second-factor method, by credential type
     * @param enabledActions ids of the realm's enabled required actions
     */
    public static List<MethodOption> offered(List<String> flowTypes, Map<String, MethodOption> installed,
                                             Set<String> enabledActions) {
        Map<String, MethodOption> offered = new LinkedHashMap<>();
        for (String type : flowTypes) {
            MethodOption method = installed.get(type);
            if (method != null && enabledActions.contains(method.createAction())) {
                offered.putIfAbsent(type, method);
            }
        }
        List<MethodOption> sorted = new ArrayList<>(offered.values());
        sorted.sort(Comparator.comparingInt(m -> rank(m.type())));
        return sorted;
    }

    /** What the prompt lists: offered methods the user has not set up; only phishing-resistant ones if required. */
    public static List<MethodOption> toRegister(List<MethodOption> offered, Set<String> userTypes,
                                                boolean phishingResistantOnly) {
        return offered.stream()
                .filter(m -> !userTypes.contains(m.type()))
                .filter(m -> !phishingResistantOnly || m.phishingResistant())
                .toList();
    }

    /** Whether the user has at least one method the realm offers. */
    public static boolean hasOffered(Collection<MethodOption> offered, Set<String> userTypes) {
        return offered.stream().anyMatch(m -> userTypes.contains(m.type()));
    }

    /** Whether every method the user has is one the realm no longer offers (and the user has some). */
    public static boolean allWithdrawn(Collection<MethodOption> offered, Set<String> userTypes) {
        return !userTypes.isEmpty() && !hasOffered(offered, userTypes);
    }

    private static int rank(String type) {
        int i = PREFERRED.indexOf(type);
        return i < 0 ? PREFERRED.size() : i;
    }
}
