package org.mfasuite.keycloak.apppassword;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.utils.FormMessage;

/**
 * The pages of app-password creation: name, application and expiry ({@code mfa-app-password-create.ftl}), then the
 * new app password, shown once ({@code mfa-app-password-created.ftl}). Reads and checks what the user posted.
 */
final class AppPasswordForm {

    static final String ACTION = "mfa-action";
    static final String NAME_FIELD = "mfaName";
    static final String CLIENT_FIELD = "mfaClient";
    static final String EXPIRY_FIELD = "mfaExpiry";
    private static final String CREATE_TEMPLATE = "mfa-app-password-create.ftl";
    private static final String CREATED_TEMPLATE = "mfa-app-password-created.ftl";
    private static final List<Integer> EXPIRY_CHOICES = List.of(30, 90, 365, 0);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    /** Keycloak's own clients that have the direct grant on but are never a legacy application. */
    private static final Set<String> NOT_OFFERED = Set.of("admin-cli");

    private final RequiredActionContext context;
    private final AppPasswordSettings settings;
    private final List<AppPasswordCredentialModel> existing;

    AppPasswordForm(RequiredActionContext context, AppPasswordSettings settings, List<AppPasswordCredentialModel> existing) {
        this.context = context;
        this.settings = settings;
        this.existing = existing;
    }

    /** What the user asked for, or the message key of what is wrong with it. */
    record Request(String name, String client, int expiryDays, String problem) {
    }

    boolean canCreate() {
        return settings.allowed() && existing.size() < settings.maxPerUser();
    }

    Request read(MultivaluedMap<String, String> params) {
        String name = params.getFirst(NAME_FIELD) == null ? "" : params.getFirst(NAME_FIELD).strip();
        String client = params.getFirst(CLIENT_FIELD);
        client = client == null || client.isBlank() ? null : client;
        int days;
        try {
            days = Integer.parseInt(params.getFirst(EXPIRY_FIELD) == null ? "" : params.getFirst(EXPIRY_FIELD).trim());
        } catch (NumberFormatException e) {
            days = settings.defaultExpiryDays();
        }
        String problem = null;
        if (name.isEmpty()) {
            problem = "mfa-app-password-name-missing";
        } else if (name.length() > AppPasswordCredentialModel.MAX_LABEL) {
            problem = "mfa-app-password-name-too-long";
        } else if (existing.stream().anyMatch(e -> name.equalsIgnoreCase(e.getUserLabel()))) {
            problem = "mfa-app-password-name-taken";
        } else if (client != null && !clients().contains(client)) {
            problem = "mfa-app-password-client-unknown";
        } else if (!expiryChoices().contains(days)) {
            problem = "mfa-app-password-expiry-invalid";
        }
        return new Request(name, client, days, problem);
    }

    /** The first page; with the user's entries and an error after a refused post. */
    Response create(Request typed, String errorKey) {
        LoginFormsProvider page = context.form()
                .setAttribute("mfaAppPasswordForm", new CreatePage(typed == null ? "" : typed.name(),
                        typed == null ? "" : typed.client() == null ? "" : typed.client(),
                        typed == null ? settings.defaultExpiryDays() : typed.expiryDays(), clients(), expiryChoices(),
                        settings.allowed(), existing.size() >= settings.maxPerUser(), settings.maxPerUser(), 0));
        if (errorKey != null) {
            String field = errorKey.contains("client") ? CLIENT_FIELD : errorKey.contains("expiry") ? EXPIRY_FIELD
                    : errorKey.contains("name") ? NAME_FIELD : null;
            if (field == null) {
                page.setError(errorKey);
            } else {
                page.addError(new FormMessage(field, errorKey, AppPasswordCredentialModel.MAX_LABEL));
            }
        }
        return page.createForm(CREATE_TEMPLATE);
    }

    /** "Verify your identity": this sign-in gave no second factor within {@code minutes}; nothing can be created. */
    Response verify(int minutes) {
        return context.form().setAttribute("mfaAppPasswordForm", new CreatePage("", "", settings.defaultExpiryDays(),
                List.of(), List.of(), settings.allowed(), false, settings.maxPerUser(), minutes))
                .createForm(CREATE_TEMPLATE);
    }

    /** The new app password, the only time it is shown. */
    Response created(String name, AppPasswordCredentialProvider.Created created) {
        long expiresAt = created.stored().getData().expiresAt();
        return context.form().setAttribute("mfaAppPassword", new CreatedPage(name, created.password().formatted(),
                        expiresAt > 0 ? DATE.format(Instant.ofEpochSecond(expiresAt)) : "",
                        String.join(", ", created.stored().getData().clients())))
                .createForm(CREATED_TEMPLATE);
    }

    /** The same page after a refresh: it says the app password exists, never shows it again. */
    Response createdAgain(String name) {
        return context.form().setAttribute("mfaAppPassword", new CreatedPage(name, "", "", "")).createForm(CREATED_TEMPLATE);
    }

    /** Clients a user may limit an app password to: those of the realm with the direct grant on. */
    private List<String> clients() {
        return context.getRealm().getClientsStream()
                .filter(ClientModel::isDirectAccessGrantsEnabled)
                .filter(ClientModel::isEnabled)
                .map(ClientModel::getClientId)
                .filter(id -> !NOT_OFFERED.contains(id))
                .sorted().toList();
    }

    private List<Integer> expiryChoices() {
        Set<Integer> choices = new TreeSet<>(EXPIRY_CHOICES);
        choices.add(settings.defaultExpiryDays());
        List<Integer> ordered = new ArrayList<>(choices);
        ordered.remove(Integer.valueOf(0));
        ordered.add(0); // "never" last
        return ordered;
    }

    /** Template model of the first page (getters: FreeMarker reads properties). */
    public static final class CreatePage {
        private final String name;
        private final String client;
        private final int expiryDays;
        private final List<String> clients;
        private final List<Integer> expiryChoices;
        private final boolean allowed;
        private final boolean full;
        private final int max;
        private final int verifyMinutes;

        CreatePage(String name, String client, int expiryDays, List<String> clients, List<Integer> expiryChoices,
                   boolean allowed, boolean full, int max, int verifyMinutes) {
            this.verifyMinutes = verifyMinutes;
            this.name = name;
            this.client = client;
            this.expiryDays = expiryDays;
            this.clients = clients;
            this.expiryChoices = expiryChoices;
            this.allowed = allowed;
            this.full = full;
            this.max = max;
        }

        public String getName() {
            return name;
        }

        public String getClient() {
            return client;
        }

        public int getExpiryDays() {
            return expiryDays;
        }

        public List<String> getClients() {
            return clients;
        }

        public List<Integer> getExpiryChoices() {
            return expiryChoices;
        }

        public boolean isAllowed() {
            return allowed;
        }

        public boolean isFull() {
            return full;
        }

        public int getMax() {
            return max;
        }

        /** Greater than 0: the "verify your identity" page (a fresh second factor is needed within these minutes). */
        public int getVerifyMinutes() {
            return verifyMinutes;
        }
    }

    /** Template model of the page that shows the new app password ({@code password} empty: not shown again). */
    public static final class CreatedPage {
        private final String name;
        private final String password;
        private final String expires;
        private final String clients;

        CreatedPage(String name, String password, String expires, String clients) {
            this.name = name;
            this.password = password;
            this.expires = expires;
            this.clients = clients;
        }

        public String getName() {
            return name;
        }

        public String getPassword() {
            return password;
        }

        public String getExpires() {
            return expires;
        }

        public String getClients() {
            return clients;
        }
    }
}
