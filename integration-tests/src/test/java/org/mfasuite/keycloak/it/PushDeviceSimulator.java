package org.mfasuite.keycloak.it;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.keycloak.util.JsonSerialization;

/**
 * A phone app in Java, speaking the push protocol exactly as docs/developer.md describes it: its own P-256 key, JWS
 * bodies, DPoP proofs. Tests drive the protocol with it, and bend it (old proofs, replays, foreign keys).
 */
public final class PushDeviceSimulator {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private KeyPair key = newKey();
    private String base;
    private String deviceId;
    /** Keycloak's time offset, so proofs carry the server's notion of now. */
    private long clockOffset;

    /** The answer of an API call: status and JSON body (empty map without one). */
    public record Reply(int status, Map<String, Object> body) {
        String error() {
            return (String) body.get("error");
        }
    }

    /** The pending request as the device sees it; {@code choices} empty when the user types the number. */
    public record Pending(String id, List<Integer> choices, Map<String, Object> raw) {
        String numberMatching() {
            return (String) raw.get("number_matching");
        }
    }

    public void clockOffset(long seconds) {
        this.clockOffset = seconds;
    }

    public String deviceId() {
        return deviceId;
    }

    public String base() {
        return base;
    }

    /** Sends later calls to another node, as a load balancer without stickiness would. */
    public void useServer(String baseUrl, String realm) {
        base = baseUrl + "/realms/" + realm + "/mfa-push";
    }

    /** Takes over a device stored by other means (a realm set up by an older version): its id, on this server. */
    void adopt(String baseUrl, String realm, String id) {
        useServer(baseUrl, realm);
        deviceId = id;
    }

    /** Enrols with the link of the enrolment page (…/mfa-push/app/#enroll=TOKEN). */
    public Reply enrol(String link, String name) {
        String token = URLDecoder.decode(link.substring(link.indexOf("#enroll=") + 8), StandardCharsets.UTF_8);
        Map<String, Object> claims = parseJwt(token);
        base = (String) ((claims.get("aud") instanceof List<?> list) ? list.get(0) : claims.get("aud"));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("token", token);
        payload.put("name", name);
        payload.put("platform", "android");
        payload.put("iat", now());
        Reply reply = post(base + "/enroll", null, jws(Map.of("alg", "ES256", "typ", "mfa-push-enroll+jwt", "jwk", jwk(key)), payload, key));
        if (reply.status() == 201) {
            deviceId = (String) reply.body().get("device_id");
        }
        return reply;
    }

    /** Same token again, with a new key: a second device trying the one-time token. */
    Reply enrolWithToken(String token) {
        Map<String, Object> payload = Map.of("token", token, "name", "Second", "platform", "web", "iat", now());
        return post(base + "/enroll", null, jws(Map.of("alg", "ES256", "typ", "mfa-push-enroll+jwt", "jwk", jwk(key)), payload, key));
    }

    public List<Pending> pending() {
        Reply reply = get(api() + "/challenges", proof("GET", api() + "/challenges", now(), key));
        if (reply.status() != 200) {
            throw new IllegalStateException("GET challenges: " + reply);
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) reply.body().get("challenges");
        return list.stream().map(c -> new Pending((String) c.get("id"), c.get("number_choices") == null ? List.of()
                : ((List<?>) c.get("number_choices")).stream().map(n -> ((Number) n).intValue()).toList(), c)).toList();
    }

    Reply challengesWithProof(String proof) {
        return get(api() + "/challenges", proof);
    }

    /** Approves (with the number typed or picked), denies or reports a request. */
    public Reply answer(String challengeId, String action, Integer number) {
        return answerSignedBy(challengeId, action, number, key);
    }

    Reply answerSignedBy(String challengeId, String action, Integer number, KeyPair signer) {
        String url = api() + "/challenges/" + challengeId;
        return post(url, proof("POST", url, now(), key), answerJws(challengeId, action, number, signer));
    }

    String answerJws(String challengeId, String action, Integer number, KeyPair signer) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("challenge", challengeId);
        payload.put("action", action);
        if (number != null) {
            payload.put("number", number);
        }
        payload.put("iat", now());
        payload.put("jti", UUID.randomUUID().toString());
        return jws(Map.of("alg", "ES256", "typ", "mfa-push-answer+jwt"), payload, signer);
    }

    Reply postAnswer(String challengeId, String proof, String body) {
        return post(api() + "/challenges/" + challengeId, proof, body);
    }

    /** Rotates the device key: proof by the current key, body signed by the new one. */
    Reply rotateKey() {
        KeyPair next = newKey();
        String url = api() + "/key";
        Reply reply = put(url, proof("PUT", url, now(), key), jws(Map.of("alg", "ES256", "typ", "mfa-push-key+jwt",
                "jwk", jwk(next)), Map.of("device_id", deviceId, "iat", now(), "jti", UUID.randomUUID().toString()), next),
                "application/jose");
        if (reply.status() == 200) {
            key = next;
        }
        return reply;
    }

    Reply setPush(String json) {
        String url = api() + "/push";
        return put(url, proof("PUT", url, now(), key), json, "application/json");
    }

    Reply unenrol() {
        String url = api();
        return send(HttpRequest.newBuilder(URI.create(url)).header("DPoP", proof("DELETE", url, now(), key)).DELETE().build());
    }

    KeyPair key() {
        return key;
    }

    public String api() {
        return base + "/devices/" + deviceId;
    }

    public long now() {
        return System.currentTimeMillis() / 1000 + clockOffset;
    }

    /** A DPoP proof (RFC 9449) for one request. */
    String proof(String method, String url, long iat, KeyPair signer) {
        return proof(method, url, iat, UUID.randomUUID().toString(), signer);
    }

    String proof(String method, String url, long iat, String jti, KeyPair signer) {
        return jws(Map.of("typ", "dpop+jwt", "alg", "ES256", "jwk", jwk(signer)),
                Map.of("jti", jti, "htm", method, "htu", url, "iat", iat), signer);
    }

    static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> jwk(KeyPair pair) {
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        return Map.of("kty", "EC", "crv", "P-256", "x", B64.encodeToString(unsigned(pub.getW().getAffineX().toByteArray())),
                "y", B64.encodeToString(unsigned(pub.getW().getAffineY().toByteArray())));
    }

    static String jws(Map<String, Object> header, Map<String, Object> payload, KeyPair signer) {
        try {
            String input = B64.encodeToString(JsonSerialization.writeValueAsBytes(header)) + "."
                    + B64.encodeToString(JsonSerialization.writeValueAsBytes(payload));
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(signer.getPrivate());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseJwt(String jwt) {
        try {
            return JsonSerialization.readValue(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), Map.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(byte[] value) {
        byte[] fixed = new byte[32];
        byte[] trimmed = value.length > 32 ? Arrays.copyOfRange(value, value.length - 32, value.length) : value;
        System.arraycopy(trimmed, 0, fixed, 32 - trimmed.length, trimmed.length);
        return fixed;
    }

    private Reply get(String url, String proof) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return send(request.build());
    }

    private Reply post(String url, String proof, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/jose")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return send(request.build());
    }

    private Reply put(String url, String proof, String body, String type) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type).header("DPoP", proof)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @SuppressWarnings("unchecked")
    private static Reply send(HttpRequest request) {
        HttpResponse<String> response = HttpCalls.send(request);
        Map<String, Object> body = Map.of();
        if (response.body() != null && response.body().startsWith("{")) {
            try {
                body = JsonSerialization.readValue(response.body(), Map.class);
            } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + response.body());
            }
        }
        return new Reply(response.statusCode(), body);
    }
}
