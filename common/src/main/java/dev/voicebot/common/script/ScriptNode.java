package dev.voicebot.common.script;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** A node of a script file with its place in the file, so every error can name where it is. */
final class ScriptNode {

    private final String source;
    private final String path;
    private final JsonNode node;

    ScriptNode(String source, String path, JsonNode node) {
        this.source = source;
        this.path = path;
        this.node = node;
    }

    String path() {
        return path;
    }

    ScriptException error(String problem) {
        return new ScriptException(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    /** Fails on a field not in {@code allowed}, which is almost always a typo. */
    ScriptNode onlyFields(Set<String> allowed) {
        requireObject();
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw error("unknown field '" + name + "'; allowed: " + String.join(", ", sortedCopy(allowed)));
            }
        }
        return this;
    }

    boolean has(String field) {
        return node.isObject() && node.has(field) && !node.get(field).isNull();
    }

    ScriptNode field(String field) {
        requireObject();
        String childPath = path.isEmpty() ? field : path + "." + field;
        if (!has(field)) {
            throw new ScriptNode(source, childPath, node).error("required, missing");
        }
        return new ScriptNode(source, childPath, node.get(field));
    }

    /** A string, or a number or boolean written as text. */
    String text() {
        if (!node.isValueNode() || node.isNull()) {
            throw error("must be text");
        }
        if (node.isBoolean()) {
            throw error("YAML reads an unquoted yes, no, true, false, on or off as a boolean; quote it: \"yes\"");
        }
        String text = node.asString().strip();
        if (text.isEmpty()) {
            throw error("must not be empty");
        }
        return text;
    }

    String text(String field, String fallback) {
        return has(field) ? field(field).text() : fallback;
    }

    int number(String field, int fallback) {
        if (!has(field)) {
            return fallback;
        }
        ScriptNode child = field(field);
        if (!child.node.canConvertToInt() || !child.node.isIntegralNumber()) {
            throw child.error("must be a whole number");
        }
        return child.node.asInt();
    }

    ScriptTemplate template() {
        try {
            return ScriptTemplate.of(text());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** A list; a single value counts as a list of one. */
    List<ScriptNode> list() {
        List<ScriptNode> items = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                items.add(new ScriptNode(source, path + "[" + i + "]", node.get(i)));
            }
        } else {
            items.add(this);
        }
        if (items.isEmpty()) {
            throw error("must list at least one entry");
        }
        return items;
    }

    List<ScriptNode> list(String field) {
        return has(field) ? field(field).list() : List.of();
    }

    /** An object's fields, in file order. */
    Map<String, ScriptNode> fields() {
        requireObject();
        Map<String, ScriptNode> fields = new LinkedHashMap<>();
        for (String name : node.propertyNames()) {
            fields.put(name, new ScriptNode(source, path.isEmpty() ? name : path + "." + name, node.get(name)));
        }
        return fields;
    }

    /** This node's path with a label, e.g. {@code intents[2] (book)}. */
    ScriptNode labelled(String label) {
        return new ScriptNode(source, path + " (" + label + ")", node);
    }

    private void requireObject() {
        if (!node.isObject()) {
            throw error("must be a mapping of fields");
        }
    }

    private static List<String> sortedCopy(Set<String> names) {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        return sorted;
    }
}
