package org.mfasuite.keycloak.core;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.keycloak.Config;
import org.keycloak.events.EventBuilder;

/**
 * The server node that handled a sign-in, as event detail {@code mfa_node}: the sign-in log's "server" column.
 * The name is the node's own identity, so one value per JVM is right (nothing another node needs).
 *
 * <p>Keycloak 26.7 names a cluster node by {@code --spi-cache-embedded--default--node-name} (it refuses the old
 * {@code jboss.node.name} system property); without it, JGroups makes a name from the host name. So: that option,
 * else the host name (the pod name on Kubernetes), else {@code HOSTNAME}, else {@code unknown}.
 */
public final class SignInNode {

    public static final String DETAIL = "mfa_node";
    private static volatile String name;

    private SignInNode() {
    }

    /** Adds {@code mfa_node} to an event of the flow (any event later cloned from it keeps it). */
    public static EventBuilder tag(EventBuilder event) {
        return event.detail(DETAIL, name());
    }

    public static String name() {
        String n = name;
        if (n == null) {
            n = resolve(configured(), hostName(), System.getenv("HOSTNAME"));
            name = n;
        }
        return n;
    }

    /** The first usable of: the configured node name, the host name, the HOSTNAME variable. */
    static String resolve(String configured, String hostName, String env) {
        for (String candidate : new String[] {configured, hostName, env}) {
            if (candidate != null && !candidate.isBlank() && !"localhost".equals(candidate.trim())) {
                return candidate.trim();
            }
        }
        return hostName != null && !hostName.isBlank() ? hostName.trim() : "unknown";
    }

    private static String configured() {
        try {
            return Config.scope("cache-embedded", "default").get("node-name");
        } catch (RuntimeException e) {
            return null; // no Keycloak config (unit tests)
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }
}
