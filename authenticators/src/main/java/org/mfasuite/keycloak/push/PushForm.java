package org.mfasuite.keycloak.push;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.ws.rs.core.Response;

import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.forms.login.MessageType;

/**
 * Builds the {@code mfa-push.ftl} page: one title in every state, what happened said once in the page's
 * message, the number large while a request waits.
 */
final class PushForm {

    static final String TEMPLATE = "mfa-push.ftl";
    /** Every button of the suite's pages posts its action under this name. */
    static final String ACTION = "mfa-action";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    enum State {
        /** Nothing sent yet, the user has other methods: one click sends. */
        READY,
        /** A request waits on the user's phones: the number, "Continue", "Send again". */
        WAITING,
        /** The request ended (expired, denied, wrong number): "Send again". */
        ENDED,
        /** No request can be sent now (muted, limit, locked out): other methods only. */
        UNAVAILABLE
    }

    private final LoginFormsProvider form;
    private final PushPage page;
    private String tabId = "";

    PushForm(LoginFormsProvider form, List<PushDeviceCredentialModel> devices, PushSettings settings, String apiBase,
             List<String> otherWays) {
        this.form = form;
        this.page = new PushPage(devices.stream().map(d -> d.getUserLabel() == null ? "?" : d.getUserLabel()).toList(),
                settings.helpdesk(), apiBase, otherWays.isEmpty() ? "none" : String.join(",", otherWays));
        page.numberMatching = settings.numberMatching().id();
    }

    /** The browser tab this page is for: its wait is answered for that tab only. */
    PushForm tab(String tabId) {
        this.tabId = tabId == null ? "" : tabId;
        return this;
    }

    PushForm state(State state) {
        page.state = state;
        return this;
    }

    PushForm waiting(PushChallenge challenge, long now) {
        page.state = State.WAITING;
        page.number = challenge.match().number();
        page.numberMatching = challenge.match().mode().id();
        page.waitUrl = page.apiBase + "/wait/" + challenge.id() + "?tab_id="
                + java.net.URLEncoder.encode(tabId, java.nio.charset.StandardCharsets.UTF_8);
        page.secondsLeft = Math.max(0, challenge.expires() - now);
        return this;
    }

    /** Seconds before a new request can be sent (the per-user limit). */
    PushForm waitSeconds(long seconds) {
        page.waitSeconds = Math.max(0, seconds);
        return this;
    }

    PushForm mutedUntil(long epochSeconds) {
        page.mutedUntil = epochSeconds > 0 ? CLOCK.format(Instant.ofEpochSecond(epochSeconds)) : "";
        return this;
    }

    PushForm message(MessageType type, String key, Object... args) {
        Object[] withMute = key.equals("mfa-push-muted") || key.equals("mfa-push-reported")
                ? new Object[]{page.mutedUntil} : args;
        switch (type) {
            case ERROR -> form.setError(key, withMute);
            case WARNING -> form.setMessage(MessageType.WARNING, key, withMute);
            case SUCCESS -> form.setSuccess(key, withMute);
            default -> form.setInfo(key, withMute);
        }
        return this;
    }

    Response create() {
        return form.setAttribute("mfaPush", page).createForm(TEMPLATE);
    }

    /** Template model; getters because FreeMarker reads JavaBeans. */
    public static final class PushPage {
        private final List<String> devices;
        private final String helpdesk;
        private final String apiBase;
        private State state = State.READY;
        private int number;
        private String waitUrl = "";
        private long secondsLeft;
        private long waitSeconds;
        private String mutedUntil = "";
        private String numberMatching = NumberMatch.Mode.TYPE.id();
        private final String otherWays;

        PushPage(List<String> devices, String helpdesk, String apiBase, String otherWays) {
            this.devices = devices;
            this.helpdesk = helpdesk;
            this.apiBase = apiBase;
            this.otherWays = otherWays;
        }

        /** Execution ids of the other ways the user can use, comma-separated; "none" for none. */
        public String getOtherWays() {
            return otherWays;
        }

        public String getState() {
            return state.name();
        }

        public List<String> getDevices() {
            return devices;
        }

        public String getHelpdesk() {
            return helpdesk == null ? "" : helpdesk;
        }

        /** Two digits, e.g. "42". */
        public String getNumber() {
            return Integer.toString(number);
        }

        /** "type": the user types the number on the phone; "choose": picks it among three. */
        public String getNumberMatching() {
            return numberMatching;
        }

        public String getWaitUrl() {
            return waitUrl;
        }

        public long getSecondsLeft() {
            return secondsLeft;
        }

        public long getWaitSeconds() {
            return waitSeconds;
        }

        public String getMutedUntil() {
            return mutedUntil;
        }
    }
}
