package org.mfasuite.keycloak.gateway;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.keycloak.common.util.HtmlUtils;

/**
 * The webhook's request body: the configured template with ${to}, ${text}, ${channel}, ${realm}, ${code},
 * ${language} and ${from}
 * replaced by values escaped for the content type, so a quote in a text cannot break the JSON around it.
 * Other ${...} stay as written.
 */
final class BodyTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(to|text|channel|realm|code|language|from)}");

    private final String template;
    private final UnaryOperator<String> escape;

    BodyTemplate(String template, String contentType) {
        this.template = template;
        this.escape = escaperFor(contentType);
    }

    String render(OutgoingMessage message) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder body = new StringBuilder(template.length() + 64);
        while (placeholder.find()) {
            String value = switch (placeholder.group(1)) {
                case "to" -> message.to();
                case "text" -> message.text();
                case "channel" -> message.channel().wireName();
                case "realm" -> message.realm();
                case "language" -> message.language();
                case "from" -> message.from();
                default -> message.code();
            };
            placeholder.appendReplacement(body, Matcher.quoteReplacement(escape.apply(value == null ? "" : value)));
        }
        placeholder.appendTail(body);
        return body.toString();
    }

    private static UnaryOperator<String> escaperFor(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return value -> URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
        if (type.contains("json")) {
            return value -> new String(JsonStringEncoder.getInstance().quoteAsString(value));
        }
        if (type.contains("xml")) {
            // text and attribute content: a realm name like "R&D <test>" must not break a SOAP or XML body
            return HtmlUtils::escapeAttribute;
        }
        return UnaryOperator.identity();
    }
}
