package org.mfasuite.keycloak.push.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PushMessageTest {

    @Test
    void jsonNamesTheChallengeAndNothingElse() {
        byte[] json = new PushMessage("demo", "3f2a-9c", 1_700_000_060L).toJson();

        assertEquals("{\"type\":\"mfa-push-challenge\",\"realm\":\"demo\",\"challenge\":\"3f2a-9c\",\"exp\":1700000060}",
                new String(json, StandardCharsets.UTF_8));
    }

    @Test
    void valuesAreEscaped() {
        String json = new String(new PushMessage("a\"b", "c\\d", 1).toJson(), StandardCharsets.UTF_8);

        assertEquals("{\"type\":\"mfa-push-challenge\",\"realm\":\"a\\\"b\",\"challenge\":\"c\\\\d\",\"exp\":1}", json);
    }

    @Test
    void fcmDataHasTheSameFieldsAsStrings() {
        assertEquals(Map.of("type", "mfa-push-challenge", "realm", "demo", "challenge", "c1", "exp", "1700000060"),
                new PushMessage("demo", "c1", 1_700_000_060L).toStrings());
    }
}
