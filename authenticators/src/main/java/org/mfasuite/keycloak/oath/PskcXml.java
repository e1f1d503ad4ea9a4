package org.mfasuite.keycloak.oath;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Reading PSKC's DOM by local name (draft-era files use other prefixes), null-safe all the way down. */
final class PskcXml {

    private PskcXml() {
    }

    static byte[] base64(String text, String what) throws PskcProblem {
        try {
            return Base64.getDecoder().decode(text.replaceAll("\\s", "").getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new PskcProblem("bad-secret", SafeText.cell(what) + " is not base64.");
        }
    }

    static int integer(String text, int otherwise) {
        try {
            return text == null || text.isBlank() ? otherwise : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static Element child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    static String text(Element parent, String localName) {
        Element e = child(parent, localName);
        return e == null ? "" : e.getTextContent().trim();
    }

}
