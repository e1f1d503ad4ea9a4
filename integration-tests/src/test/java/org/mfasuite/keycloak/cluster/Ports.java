package org.mfasuite.keycloak.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback ports for the cluster's servers, free when picked. */
final class Ports {

    /** JGroups' failure detection (FD_SOCK2) listens on the transport's port + this offset. */
    static final int FAILURE_DETECTION_OFFSET = 50_000;

    private Ports() {
    }

    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A transport port below 15536 whose failure-detection port (+ 50000) is free too. */
    static int freeClusterPort() {
        for (int i = 0; i < 200; i++) {
            int port = ThreadLocalRandom.current().nextInt(8_000, 15_000);
            if (isFree(port) && isFree(port + 1) && isFree(port + FAILURE_DETECTION_OFFSET)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port pair for the cluster transport");
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
