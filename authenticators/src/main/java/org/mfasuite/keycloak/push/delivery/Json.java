package org.mfasuite.keycloak.push.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.util.JsonSerialization;

/** Keycloak's own Jackson mapper, without checked exceptions. */
final class Json {

    private Json() {
    }

    static byte[] write(Object value) {
        try {
            return JsonSerialization.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parsed tree; IllegalArgumentException when it is not JSON. */
    static JsonNode read(String text) {
        try {
            return JsonSerialization.mapper.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
    }

    /** A text field, or null when missing or not text. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
