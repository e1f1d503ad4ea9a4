package org.mfasuite.keycloak.push;

/**
 * A refused device request: the HTTP status and the error code of the protocol ({@code invalid_request},
 * {@code invalid_dpop_proof}, ...). The description is for the app's developer, never a secret.
 */
public final class DeviceApiException extends RuntimeException {

    private final int status;
    private final String error;

    public DeviceApiException(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    public static DeviceApiException badRequest(String error, String description) {
        return new DeviceApiException(400, error, description);
    }

    public static DeviceApiException badProof(String description) {
        return new DeviceApiException(401, "invalid_dpop_proof", description);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
