package org.mfasuite.keycloak.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.logging.Logger;

/**
 * Delivers nothing: appends each message, code included, as one JSON line to a local outbox file so developers and
 * integration tests can read the code. Refuses to run outside dev mode unless explicitly enabled, because the file
 * holds live one-time codes.
 */
public class DevOutboxGateway implements MessageGateway {

    public static final String PROVIDER_ID = "dev";

    static final String NOT_ALLOWED_MESSAGE = "dev: the dev gateway only runs in development mode (kc.sh start-dev). "
            + "Configure a real gateway (twilio or http), or, for a test system only, set "
            + "--spi-" + MessageGatewaySpi.NAME + "--dev--enabled-outside-dev-mode=true";

    private static final Logger LOG = Logger.getLogger(DevOutboxGateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DevOutboxSettings settings;
    private final boolean devMode;
    private final Object appendLock;

    public DevOutboxGateway(DevOutboxSettings settings, boolean devMode) {
        this(settings, devMode, new Object());
    }

    /**
     * @param devMode    whether Keycloak runs in dev mode; injected so tests cover both
     * @param appendLock shared by all gateways of one factory, so concurrent logins never interleave lines
     */
    public DevOutboxGateway(DevOutboxSettings settings, boolean devMode, Object appendLock) {
        this.settings = settings;
        this.devMode = devMode;
        this.appendLock = appendLock;
    }

    @Override
    public GatewayReceipt send(OutgoingMessage message) throws GatewayException {
        if (!devMode && !settings.enabledOutsideDevMode()) {
            throw GatewayException.notDelivered("not_allowed", NOT_ALLOWED_MESSAGE);
        }
        Path outbox = settings.outbox();
        byte[] line = line(message);
        try {
            synchronized (appendLock) {
                Path parent = outbox.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.write(outbox, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new GatewayException("io_error", "dev: cannot append to " + outbox + ": " + e, e);
        }
        LOG.infof("dev gateway: %s to %s written to %s",
                message.channel().wireName(), PhoneMask.mask(message.to()), outbox);
        return new GatewayReceipt(PROVIDER_ID, UUID.randomUUID().toString());
    }

    private static byte[] line(OutgoingMessage message) throws GatewayException {
        ObjectNode json = JSON.createObjectNode()
                .put("time", Instant.now().toString())
                .put("realm", message.realm())
                .put("channel", message.channel().wireName())
                .put("to", message.to())
                .put("text", message.text())
                .put("code", message.code());
        if (message.language() != null) {
            json.put("language", message.language());
        }
        if (message.from() != null) {
            json.put("from", message.from());
        }
        try {
            return (JSON.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            // nothing was written yet
            throw new GatewayException("io_error", "dev: cannot serialise the outbox line", e, false);
        }
    }
}
