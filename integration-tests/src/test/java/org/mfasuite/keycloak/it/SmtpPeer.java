package org.mfasuite.keycloak.it;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A tiny SMTP server on 127.0.0.1 (port 0) that accepts every message Keycloak's email sender hands it and keeps
 * it, parsed with Jakarta Mail: enough of RFC 5321 for one client without TLS or authentication.
 */
final class SmtpPeer implements AutoCloseable {

    /** One message as received: recipient, decoded subject, text and html bodies. */
    record Mail(String to, String subject, String text, String html) {
    }

    private final ServerSocket server;
    private final List<Mail> mails = new CopyOnWriteArrayList<>();
    private final Thread thread;

    SmtpPeer() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        thread = new Thread(this::serve, "smtp-peer");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<Mail> mails() {
        return List.copyOf(mails);
    }

    List<Mail> mailsTo(String address) {
        return mails.stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                session(socket);
            } catch (IOException e) {
                // closed, or a client that went away: wait for the next
            }
        }
    }

    private void session(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        reply(out, "220 localhost test SMTP");
        String to = null;
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            switch (command) {
                case "EHLO", "HELO" -> reply(out, "250 localhost");
                case "RCPT" -> {
                    to = line.replaceAll("(?i).*<([^>]*)>.*", "$1");
                    reply(out, "250 OK");
                }
                case "DATA" -> {
                    reply(out, "354 go ahead");
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
                    }
                    mails.add(parse(to, data.toString()));
                    reply(out, "250 OK");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "250 OK");
            }
        }
    }

    private static Mail parse(String to, String raw) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
            String text = "";
            String html = "";
            Object content = message.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart part = multipart.getBodyPart(i);
                    Object body = part.getContent();
                    if (body instanceof Multipart inner) {
                        for (int j = 0; j < inner.getCount(); j++) {
                            BodyPart p = inner.getBodyPart(j);
                            if (p.isMimeType("text/plain")) {
                                text = String.valueOf(p.getContent());
                            } else if (p.isMimeType("text/html")) {
                                html = String.valueOf(p.getContent());
                            }
                        }
                    } else if (part.isMimeType("text/plain")) {
                        text = String.valueOf(body);
                    } else if (part.isMimeType("text/html")) {
                        html = String.valueOf(body);
                    }
                }
            } else {
                text = String.valueOf(content);
            }
            return new Mail(to, message.getSubject(), text, html);
        } catch (Exception e) {
            return new Mail(to, "(unreadable: " + e + ")", raw, "");
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
