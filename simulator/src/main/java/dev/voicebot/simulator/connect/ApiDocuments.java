package dev.voicebot.simulator.connect;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Exotel's two response formats: JSON when the path ends in {@code .json}, otherwise XML under
 * {@code <TwilioResponse>}. Both are produced from one JSON tree; in XML a {@code null} becomes an empty element and
 * an array's items follow one another inside the array's element.
 */
final class ApiDocuments {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private ApiDocuments() {}

    static String json(ObjectNode document) {
        return document.toString();
    }

    static String xml(ObjectNode document) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TwilioResponse>");
        writeChildren(out, document);
        return out.append("</TwilioResponse>\n").toString();
    }

    static ObjectNode restException(RestException e) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode body = root.putObject("RestException");
        body.put("Status", e.status());
        e.code().ifPresent(code -> body.put("Code", code));
        body.put("Message", e.getMessage());
        return root;
    }

    private static void writeChildren(StringBuilder out, JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                element(out, property.getKey(), property.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                writeChildren(out, item);
            }
        } else if (!node.isNull()) {
            escape(out, node.asString());
        }
    }

    private static void element(StringBuilder out, String name, JsonNode value) {
        out.append('<').append(name).append('>');
        writeChildren(out, value);
        out.append("</").append(name).append('>');
    }

    private static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
    }
}
