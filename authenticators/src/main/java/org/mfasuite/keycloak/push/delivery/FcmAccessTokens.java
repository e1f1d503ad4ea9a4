package org.mfasuite.keycloak.push.delivery;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * OAuth 2.0 access tokens for FCM by the JWT-bearer grant (RFC 7523), as Google documents it for service accounts.
 * Tokens are cached per node until shortly before they expire: derived data that any node can fetch again, so
 * the cache holds nothing another node needs.
 */
public final class FcmAccessTokens {

    public static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final long ASSERTION_SECONDS = 3600;
    /** Renew this long before expiry, so a token never runs out between the check and its use. */
    private static final long MARGIN_SECONDS = 60;
    private static final int MAX_ENTRIES = 64;

    /** The node's cache. */
    public static final FcmAccessTokens NODE = new FcmAccessTokens();

    private record Cached(String token, long expiresAt) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** A valid access token: the cached one, or a fresh one from the account's token URI. */
    String get(FcmServiceAccount account, HttpClient client, Duration timeout, long now) throws IOException {
        Cached cached = cache.get(key(account));
        if (cached != null && cached.expiresAt() - MARGIN_SECONDS > now) {
            return cached.token();
        }
        String form = "grant_type=" + URLEncoder.encode(GRANT_TYPE, StandardCharsets.UTF_8)
                + "&assertion=" + URLEncoder.encode(assertion(account, now), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(account.tokenUri())
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        PushHttp.Answer answer = PushHttp.exchange(client, request);
        if (answer.status() != 200) {
            throw new IOException("token endpoint " + account.tokenUri().getHost() + " answered HTTP " + answer.status());
        }
        JsonNode body;
        try {
            body = Json.read(answer.body());
        } catch (IllegalArgumentException e) {
            throw new IOException("token endpoint " + account.tokenUri().getHost() + " answered no JSON");
        }
        String token = Json.text(body, "access_token");
        long expiresIn = body.path("expires_in").asLong(0);
        if (token == null || token.isEmpty()) {
            throw new IOException("token endpoint " + account.tokenUri().getHost() + " gave no access_token");
        }
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(key(account), new Cached(token, now + expiresIn));
        return token;
    }

    /** Drops the cached token, after FCM refused it. */
    void forget(FcmServiceAccount account) {
        cache.remove(key(account));
    }

    /** The RS256-signed assertion: iss = client_email, scope, aud = token_uri, iat, exp = iat + 1 h. */
    static String assertion(FcmServiceAccount account, long now) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        if (account.privateKeyId() != null) {
            header.put("kid", account.privateKeyId());
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", account.clientEmail());
        claims.put("scope", SCOPE);
        claims.put("aud", account.tokenUri().toString());
        claims.put("iat", now);
        claims.put("exp", now + ASSERTION_SECONDS);
        String input = P256.b64(Json.write(header)) + "." + P256.b64(Json.write(claims));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(account.privateKey());
            rs256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + P256.b64(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RS256 signing failed", e);
        }
    }

    /** One entry per account and key: a rotated key never reuses the old key's token. */
    private static String key(FcmServiceAccount account) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(account.privateKey().getEncoded());
            return account.clientEmail() + "|" + account.tokenUri() + "|" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
