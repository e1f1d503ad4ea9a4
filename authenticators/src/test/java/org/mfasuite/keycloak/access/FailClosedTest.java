package org.mfasuite.keycloak.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.core.Grant;

/** A policy that names something the realm no longer has blocks whom it could mean, never fewer. */
class FailClosedTest {

    @Test
    void anUnknownIncludeGroupCoversEveryoneTheExclusionsLeave() throws Exception {
        AccessPolicy policy = AccessPolicy.from("staff", Map.of("grant", "mfa", "include-groups", "/gone",
                "exclude-users", "breakglass")).includingEveryone("Include groups: group '/gone' does not exist");

        assertEquals(Grant.BLOCK, policy.demand());
        assertNull(policy.conditions().firstUnmet(facts("alice")));
        assertEquals(Condition.USER_EXCLUDED, policy.conditions().firstUnmet(facts("breakglass")));
    }

    private static SignInFacts facts(String user) throws Exception {
        return new SignInFacts(user, Set.of(), Set.of(), "app", InetAddress.getByName("192.0.2.1"), ClientType.BROWSER);
    }
}
