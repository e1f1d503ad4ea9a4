package org.mfasuite.keycloak.push.delivery;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads a compact JWS the way the receiving service does: signature first, then the parts. */
record Jwts(JsonNode header, JsonNode claims) {

    static Jwts verified(String jws, PublicKey key, String jdkAlgorithm) throws Exception {
        String[] parts = jws.split("\\.");
        assertEquals(3, parts.length, "compact JWS");
        Signature signature = Signature.getInstance(jdkAlgorithm);
        signature.initVerify(key);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(signature.verify(P256.unb64(parts[2])), "signature verifies with the public key");
        return new Jwts(Json.read(new String(P256.unb64(parts[0]), StandardCharsets.UTF_8)),
                Json.read(new String(P256.unb64(parts[1]), StandardCharsets.UTF_8)));
    }
}
