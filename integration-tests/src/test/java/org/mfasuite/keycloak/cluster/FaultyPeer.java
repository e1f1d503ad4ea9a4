package org.mfasuite.keycloak.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A gateway endpoint that fails below HTTP: it {@linkplain #hanging hangs} (accepts, never answers) or
 * {@linkplain #resetting resets} the connection once the request has arrived. Either way the request may or may
 * not have been delivered.
 */
final class FaultyPeer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    private FaultyPeer(int port, boolean reset) throws IOException {
        server = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    accepted.add(socket);
                    if (reset) {
                        reset(socket);
                    }
                } catch (IOException e) {
                    if (server.isClosed()) {
                        return;
                    }
                }
            }
        }, reset ? "resetting-peer" : "hanging-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Accepts connections and never answers. */
    static FaultyPeer hanging(int port) throws IOException {
        return new FaultyPeer(port, false);
    }

    /** Reads each request's head, then resets the connection (RST, not a clean close: SO_LINGER 0). */
    static FaultyPeer resetting(int port) throws IOException {
        return new FaultyPeer(port, true);
    }

    int connections() {
        return accepted.size();
    }

    private static void reset(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        InputStream in = socket.getInputStream();
        byte[] end = {'\r', '\n', '\r', '\n'};
        int matched = 0;
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}
