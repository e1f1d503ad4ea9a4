package org.mfasuite.keycloak.imports;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads Microsoft Graph's phone authentication methods, one user per object. Accepted shapes (top level): an array
 * of user objects, or Graph's paging envelope {@code {"value": [ … ]}} of them, or one user object. A user object:
 * <pre>
 * {"userPrincipalName": "anna@example.org",            (or "username", "mail", "email")
 *  "phoneMethods": [ {"phoneNumber": "+46 701234567", "phoneType": "mobile"}, … ],
 *                                                      (or Graph's answer as is: {"value": [ … ]})
 *  "defaultMethod": "sms"}                             (optional; or "signInPreferences":
 *                                                       {"userPreferredMethodForSecondaryAuthentication": "push"})
 * </pre>
 * {@code phoneMethods} is what {@code GET /users/{id}/authentication/phoneMethods} returns; {@code phoneType}
 * {@code mobile} → phone, {@code alternateMobile} → alternate_phone, {@code office} → office_phone. Graph writes an
 * extension as {@code x1234} after the number: it is dropped (codes cannot dial it).
 */
public final class GraphPhoneJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPES = Map.of("mobile", PhoneRow.PHONE,
            "alternatemobile", PhoneRow.ALTERNATE, "office", PhoneRow.OFFICE);

    private GraphPhoneJson() {
    }

    /** Characters a phone number may have; longer is malformed before any parsing. */
    static final int MAX_NUMBER = 64;

    /**
     * Streams the file: the top-level array (or the envelope's {@code value} array) is read one user object at a
     * time and reading stops after {@link PhoneFile#MAX_ROWS} + 1 of them, so a hostile file never becomes one tree.
     */
    public static PhoneFile parse(String text) {
        List<JsonNode> list = new ArrayList<>();
        try (JsonParser parser = JSON.getFactory().createParser(text.startsWith("\uFEFF") ? text.substring(1) : text)) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_ARRAY) {
                if (!elements(parser, list)) {
                    return PhoneFile.tooManyRows("graph-json");
                }
            } else if (token == JsonToken.START_OBJECT) {
                ObjectNode object = JSON.createObjectNode();
                JsonNode value = null;
                boolean envelope = false;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken next = parser.nextToken();
                    if ("value".equals(name) && !envelope) {
                        envelope = true;
                        if (next == JsonToken.START_ARRAY) {
                            if (!elements(parser, list)) {
                                return PhoneFile.tooManyRows("graph-json");
                            }
                        } else {
                            value = parser.readValueAsTree();
                        }
                    } else {
                        object.set(name, (JsonNode) parser.readValueAsTree());
                    }
                }
                if (!envelope) {
                    list.add(object);
                } else if (value != null && value.isObject()) {
                    list.add(value);
                } else if (value != null) {
                    return notUsers();
                }
            } else {
                return notUsers();
            }
        } catch (IOException e) {
            return PhoneFile.refused("graph-json", "malformed-file", "The file is not JSON.");
        }
        List<PhoneRow> rows = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            rows.add(row(i + 1, list.get(i)));
        }
        return PhoneFile.of("graph-json", rows);
    }

    /** The array's elements (the parser at its start); false, having stopped, beyond {@link PhoneFile#MAX_ROWS}. */
    private static boolean elements(JsonParser parser, List<JsonNode> list) throws IOException {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == null) {
                throw new JsonParseException(parser, "unexpected end of input");
            }
            if (list.size() == PhoneFile.MAX_ROWS) {
                return false;
            }
            list.add(parser.readValueAsTree());
        }
        return true;
    }

    private static PhoneFile notUsers() {
        return PhoneFile.refused("graph-json", "malformed-file",
                "Expected an array of users, each with userPrincipalName and phoneMethods.");
    }

    /**
     * The number without Graph's extension ({@code +1 555 0100 x123} → {@code +1 555 0100}), scanned from the end
     * without a regular expression (no backtracking on hostile input).
     */
    static String withoutExtension(String phone) {
        int end = phone.length();
        while (end > 0 && Character.isWhitespace(phone.charAt(end - 1))) {
            end--;
        }
        int digits = end;
        while (digits > 0 && phone.charAt(digits - 1) >= '0' && phone.charAt(digits - 1) <= '9') {
            digits--;
        }
        if (digits == end) {
            return phone;
        }
        int x = digits;
        while (x > 0 && Character.isWhitespace(phone.charAt(x - 1))) {
            x--;
        }
        if (x == 0 || (phone.charAt(x - 1) != 'x' && phone.charAt(x - 1) != 'X')) {
            return phone;
        }
        int start = x - 1;
        while (start > 0 && Character.isWhitespace(phone.charAt(start - 1))) {
            start--;
        }
        return phone.substring(0, start);
    }

    private static PhoneRow row(int number, JsonNode user) {
        if (!user.isObject()) {
            return PhoneRow.broken(number, null, "malformed", "The entry is not a user object.");
        }
        String name = text(user, "userPrincipalName", "username", "mail", "email");
        if (name == null) {
            return PhoneRow.broken(number, null, "malformed", "The user object has no userPrincipalName.");
        }
        JsonNode methods = user.get("phoneMethods");
        if (methods != null && methods.isObject()) {
            methods = methods.get("value");
        }
        List<PhoneRow.Number> numbers = new ArrayList<>();
        if (methods != null && !methods.isNull()) {
            if (!methods.isArray()) {
                return PhoneRow.broken(number, name, "malformed", "phoneMethods must be an array.");
            }
            for (JsonNode method : methods) {
                String phone = text(method, "phoneNumber");
                String type = text(method, "phoneType");
                String column = type == null ? null : TYPES.get(type.toLowerCase(java.util.Locale.ROOT));
                if (phone == null || column == null) {
                    return PhoneRow.broken(number, name, "malformed", "Each phone method needs phoneNumber and "
                            + "phoneType mobile, alternateMobile or office.");
                }
                if (phone.length() > MAX_NUMBER) {
                    return PhoneRow.broken(number, name, "malformed", "A phone number is longer than " + MAX_NUMBER
                            + " characters.");
                }
                numbers.add(new PhoneRow.Number(column, withoutExtension(phone), null));
            }
        }
        String preferred = text(user, "defaultMethod");
        JsonNode preferences = user.get("signInPreferences");
        if (preferred == null && preferences != null && preferences.isObject()) {
            preferred = text(preferences, "userPreferredMethodForSecondaryAuthentication");
        }
        return new PhoneRow(number, name, numbers, preferred, null);
    }

    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return value.asText().trim();
            }
        }
        return null;
    }
}
