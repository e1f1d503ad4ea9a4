package org.mfasuite.keycloak.push;

import org.keycloak.TokenCategory;
import org.keycloak.representations.JsonWebToken;

/**
 * The enrolment token in the QR code: a JWT signed with the realm's default signature key (ADMIN category), so
 * a device can verify it with the realm's JWKS. It names the realm and the API, never the user.
 */
public class EnrolmentToken extends JsonWebToken {

    public static final String TYPE = "mfa-push-enroll";

    @Override
    public TokenCategory getCategory() {
        return TokenCategory.ADMIN;
    }
}
