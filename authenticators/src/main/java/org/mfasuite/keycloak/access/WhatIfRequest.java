package org.mfasuite.keycloak.access;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.mfasuite.keycloak.risk.RiskSignal;

/**
 * A what-if question: which policies would apply, and what they would demand, if this user signed in through this
 * client from this address. The body of {@code POST /admin/realms/{realm}/mfa/what-if}; its field names are a
 * public contract.
 *
 * @param username   the user's username (or email, where the realm lets users sign in with it)
 * @param clientId   the client's client id
 * @param ipAddress  the client address a sign-in would come from, an IPv4 or IPv6 literal
 * @param clientType {@code browser} (default) or {@code direct-grant}
 * @param country     the address's country to assume (two-letter ISO code); absent: placed from {@code ipAddress} by
 *                    the operator's database, as a sign-in is
 * @param deviceKnown whether the browser is one the user signed in from before; absent: known
 * @param signals     further sign-in risk signals to assume, by id (e.g. {@code anonymous-network})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WhatIfRequest(String username, String clientId, String ipAddress, String clientType, String country,
                            Boolean deviceKnown, java.util.List<String> signals) {

    /** A question without country or risk signals. */
    public WhatIfRequest(String username, String clientId, String ipAddress, String clientType) {
        this(username, clientId, ipAddress, clientType, null, null, null);
    }

    /** The country asked about, upper case; null when none was given (then it is placed from the address). */
    public String assumedCountry() {
        if (country == null || country.isBlank()) {
            return null;
        }
        String code = country.trim().toUpperCase(java.util.Locale.ROOT);
        if (AccessPolicy.problems(java.util.Map.of(AccessPolicy.GRANT, "mfa", AccessPolicy.COUNTRIES, code)).isEmpty()) {
            return code;
        }
        throw new Invalid("country must be a two-letter ISO 3166 code such as SE, not '" + country.trim() + "'");
    }

    /** The risk signals asked about, checked to be known ids. */
    public java.util.List<RiskSignal> riskSignals() {
        java.util.List<RiskSignal> out = new java.util.ArrayList<>();
        if (signals != null) {
            for (String id : signals) {
                RiskSignal signal = RiskSignal.parse(id);
                if (signal == null) {
                    throw new Invalid("signals holds '" + id + "'; known signals: " + java.util.Arrays.stream(RiskSignal.values())
                            .map(RiskSignal::id).collect(java.util.stream.Collectors.joining(", ")));
                }
                out.add(signal);
            }
        }
        return out;
    }

    /** What is wrong with a question that can be told without the realm: the message a 400 carries. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }
    }

    /** The client type asked about; browser when none is given. */
    public ClientType type() {
        if (clientType == null || clientType.isBlank()) {
            return ClientType.BROWSER;
        }
        ClientType type = ClientType.parse(clientType);
        if (type == null) {
            throw new Invalid("clientType must be browser or direct-grant, not '" + clientType.trim() + "'");
        }
        return type;
    }

    /** The address asked about, checked to be a literal (never looked up through DNS). */
    public String address() {
        if (ipAddress == null || ipAddress.isBlank()) {
            throw new Invalid("ipAddress is required: a sign-in always comes from some address");
        }
        if (Cidr.address(ipAddress) == null) {
            throw new Invalid("ipAddress must be an IPv4 or IPv6 address, not '" + ipAddress.trim() + "'");
        }
        return ipAddress.trim();
    }

    public String requiredUsername() {
        return required(username, "username");
    }

    public String requiredClientId() {
        return required(clientId, "clientId");
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new Invalid(field + " is required");
        }
        return value.trim();
    }
}
