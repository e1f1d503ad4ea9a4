package org.mfasuite.keycloak.push;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.util.JsonSerialization;

/**
 * A JWS in compact serialisation (RFC 7515) as devices send them: ES256 only, header and payload JSON objects.
 * Parsing checks shape; {@link #verifiedBy} checks the signature.
 */
public final class CompactJws {

    /** Larger bodies are not a device's JWS: refused before any JSON parsing. */
    static final int MAX_LENGTH = 16 * 1024;
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final JsonNode header;
    private final JsonNode payload;
    private final byte[] signingInput;
    private final byte[] signature;

    private CompactJws(JsonNode header, JsonNode payload, byte[] signingInput, byte[] signature) {
        this.header = header;
        this.payload = payload;
        this.signingInput = signingInput;
        this.signature = signature;
    }

    /**
     * @param expectedType the {@code typ} header the protocol names for this message
     * @param error        the error code to answer with when the JWS is malformed
     */
    public static CompactJws parse(String compact, String expectedType, java.util.function.Function<String, DeviceApiException> error) {
        if (compact == null || compact.isBlank() || compact.length() > MAX_LENGTH) {
            throw error.apply("missing or oversized JWS");
        }
        String[] parts = compact.trim().split("\\.", -1);
        if (parts.length != 3) {
            throw error.apply("not a compact JWS");
        }
        JsonNode header = json(parts[0], error);
        JsonNode payload = json(parts[1], error);
        if (!"ES256".equals(header.path("alg").asText(null))) {
            throw error.apply("alg must be ES256");
        }
        if (!expectedType.equals(header.path("typ").asText(null))) {
            throw error.apply("typ must be " + expectedType);
        }
        byte[] signature;
        try {
            signature = B64D.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw error.apply("signature is not base64url");
        }
        return new CompactJws(header, payload, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), signature);
    }

    /** The key in the header's {@code jwk} (enrolment, key rotation, DPoP proofs). */
    public DeviceKey headerKey() {
        return DeviceKey.fromJwk(header.get("jwk"));
    }

    public boolean verifiedBy(DeviceKey key) {
        return key.verifies(signingInput, signature);
    }

    public JsonNode header() {
        return header;
    }

    public JsonNode payload() {
        return payload;
    }

    private static JsonNode json(String part, java.util.function.Function<String, DeviceApiException> error) {
        try {
            JsonNode node = JsonSerialization.mapper.readTree(new String(B64D.decode(part), StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw error.apply("JWS header and payload must be JSON objects");
            }
            return node;
        } catch (IOException | IllegalArgumentException e) {
            throw error.apply("JWS part is not base64url JSON");
        }
    }
}
