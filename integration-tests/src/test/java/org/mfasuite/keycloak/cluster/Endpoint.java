package org.mfasuite.keycloak.cluster;

/** Where the {@link Browser} sends a request: a cluster node, or a Keycloak container. */
interface Endpoint {

    /** {@code http://host:port}, without a trailing slash. */
    String baseUrl();
}
