package dev.voicebot.dialer.exotel;

import java.io.StringReader;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Connect API answers leniently: JSON ({@code {"Call":{"Sid":…}}}) or, when the server
 * ignores {@code .json}, Twilio-style XML ({@code <TwilioResponse><Call><Sid>…}); element and key
 * names in any letter case; errors as {@code RestException} in either form.
 */
final class ExotelResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_MESSAGE = 500;

    private ExotelResponses() {}

    /** The call in a success body, or null when none can be found. */
    static CallFields call(String body) {
        Fields call = section(body, "Call");
        if (call == null) {
            return null;
        }
        String sid = call.text("Sid");
        return sid == null || sid.isBlank() ? null : new CallFields(sid.strip(), call.text("Status"));
    }

    /** The RestException in an error body; falls back to the body's start as the message. */
    static ErrorFields error(String body) {
        Fields exception = section(body, "RestException");
        if (exception != null) {
            String message = exception.text("Message");
            return new ErrorFields(parseCode(exception.text("Code")), message == null ? null : clip(message));
        }
        String trimmed = body == null ? "" : body.strip();
        return new ErrorFields(null, trimmed.isEmpty() ? null : clip(trimmed));
    }

    record CallFields(String sid, String status) {}

    record ErrorFields(Integer code, String message) {}

    private static Fields section(String body, String name) {
        if (body == null) {
            return null;
        }
        String trimmed = body.strip();
        if (trimmed.startsWith("{")) {
            return jsonSection(trimmed, name);
        }
        if (trimmed.startsWith("<")) {
            return xmlSection(trimmed, name);
        }
        return null;
    }

    private static Fields jsonSection(String body, String name) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode section = child(root, name);
            if (section == null && child(root, "Sid") != null && name.equals("Call")) {
                section = root;
            }
            if (section == null || !section.isObject()) {
                return null;
            }
            JsonNode found = section;
            return key -> {
                JsonNode value = child(found, key);
                return value == null || value.isNull() || value.isContainer() ? null : value.asString();
            };
        } catch (JacksonException e) {
            return null;
        }
    }

    private static JsonNode child(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static Fields xmlSection(String body, String name) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            Element root = factory.newDocumentBuilder()
                    .parse(new InputSource(new StringReader(body)))
                    .getDocumentElement();
            Element section = root.getTagName().equalsIgnoreCase(name) ? root : childElement(root, name);
            if (section == null) {
                return null;
            }
            return key -> {
                Element value = childElement(section, key);
                return value == null ? null : value.getTextContent();
            };
        } catch (Exception e) {
            return null;
        }
    }

    private static Element childElement(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName(element).equalsIgnoreCase(name)) {
                return element;
            }
        }
        return null;
    }

    private static String localName(Element element) {
        String tag = element.getTagName();
        int colon = tag.indexOf(':');
        return colon < 0 ? tag : tag.substring(colon + 1);
    }

    private static Integer parseCode(String code) {
        if (code == null) {
            return null;
        }
        try {
            return Integer.valueOf(code.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String clip(String message) {
        String oneLine = message.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "…";
    }

    @FunctionalInterface
    private interface Fields {
        String text(String key);
    }
}
