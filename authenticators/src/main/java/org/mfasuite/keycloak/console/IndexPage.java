package org.mfasuite.keycloak.console;

import java.util.Map;

import org.keycloak.common.util.HtmlUtils;

/**
 * Fills index.html's placeholders ({@code {{name}}}) with the realm and the server's URLs, HTML-escaped. They land
 * in {@code data-*} attributes and link hrefs only: the page has no inline script for a value to break out of.
 */
final class IndexPage {

    private IndexPage() {
    }

    /**
     * @param template         index.html as shipped
     * @param realm            the realm in the URL (the one the admin signs in to)
     * @param serverUrl        Keycloak's base URL without a trailing slash, e.g. {@code https://sso.example.com}
     * @param resourcesVersion {@code org.keycloak.common.Version.RESOURCES_VERSION}
     */
    static String render(String template, String realm, String serverUrl, String resourcesVersion) {
        String serverPath = pathOf(serverUrl);
        String patternfly = serverPath + "/resources/" + resourcesVersion + "/common/keycloak/vendor/patternfly-v5/";
        Map<String, String> values = Map.of(
                "realm", realm,
                "serverUrl", serverUrl,
                "patternfly", patternfly + "patternfly.min.css",
                "patternflyAddons", patternfly + "patternfly-addons.css",
                "keycloakJsVersion", ConsoleFiles.LIBRARIES.get("keycloak.js"),
                "echartsVersion", ConsoleFiles.LIBRARIES.get("echarts.js"));
        String page = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            page = page.replace("{{" + value.getKey() + "}}", HtmlUtils.escapeAttribute(value.getValue()));
        }
        return page;
    }

    /** The path part of the server URL ("" at the root, "/auth" under a context path). */
    static String pathOf(String serverUrl) {
        int scheme = serverUrl.indexOf("://");
        int slash = serverUrl.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        String path = slash < 0 ? "" : serverUrl.substring(slash);
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
