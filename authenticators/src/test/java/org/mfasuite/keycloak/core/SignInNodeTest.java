package org.mfasuite.keycloak.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SignInNodeTest {

    @Test
    void theConfiguredNodeNameWinsThenTheHostName() {
        assertEquals("kc-1", SignInNode.resolve("kc-1", "host-a", "pod-a"));
        assertEquals("host-a", SignInNode.resolve(null, "host-a", "pod-a"));
        assertEquals("host-a", SignInNode.resolve(" ", " host-a ", null));
        assertEquals("pod-a", SignInNode.resolve(null, "localhost", "pod-a"), "localhost names no node");
        assertEquals("localhost", SignInNode.resolve(null, "localhost", null));
        assertEquals("unknown", SignInNode.resolve(null, null, null));
    }
}
