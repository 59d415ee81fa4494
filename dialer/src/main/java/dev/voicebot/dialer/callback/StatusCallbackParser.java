package dev.voicebot.dialer.callback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Exotel's status callbacks whatever their encoding: form fields (multipart or urlencoded,
 * {@code Legs[0][Status]} or {@code Legs[0].Status}) or JSON (nested {@code Legs} arrays). Names
 * match in any letter case; unknown fields are ignored.
 */
public final class StatusCallbackParser {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LEG_FIELD = Pattern.compile("(?:.*\\.)?legs\\.(\\d+)\\.([a-z_]+)");
    private static final int MAX_LEGS = 10;

    private StatusCallbackParser() {}

    /**
     * @throws IllegalArgumentException when the body is unreadable or has no CallSid
     */
    public static StatusCallback fromForm(Map<String, String[]> parameters) {
        Map<String, String> fields = new LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            if (values != null && values.length > 0) {
                fields.put(canonical(name), values[0]);
            }
        });
        return build(fields);
    }

    /**
     * @throws IllegalArgumentException when the body is not JSON or has no CallSid
     */
    public static StatusCallback fromJson(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the callback body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the callback body is not a JSON object");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        flatten("", root, fields);
        return build(fields);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                flatten(prefix + canonical(entry.getKey()) + ".", entry.getValue(), into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + i + ".", node.get(i), into);
            }
        } else if (!node.isNull()) {
            into.put(prefix.substring(0, prefix.length() - 1), node.asString());
        }
    }

    /** {@code Legs[0][Status]} and {@code Legs[0].Status} both become {@code legs.0.status}. */
    private static String canonical(String name) {
        return name.strip()
                .toLowerCase(Locale.ROOT)
                .replace("][", ".")
                .replace('[', '.')
                .replace("]", "");
    }

    private static StatusCallback build(Map<String, String> fields) {
        String callSid = first(fields, "callsid", "call_sid", "call.sid", "call.callsid");
        if (callSid == null) {
            throw new IllegalArgumentException("the status callback has no CallSid");
        }
        return new StatusCallback(
                callSid,
                first(fields, "status", "callstatus", "call.status"),
                first(fields, "eventtype", "event_type"),
                first(fields, "customfield", "custom_field"),
                first(fields, "dateupdated", "date_updated"),
                first(fields, "conversationduration", "conversation_duration", "details.conversationduration"),
                first(fields, "recordingurl", "recording_url") != null,
                legs(fields));
    }

    private static List<StatusCallback.Leg> legs(Map<String, String> fields) {
        Map<Integer, Map<String, String>> byIndex = new TreeMap<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            Matcher matcher = LEG_FIELD.matcher(field.getKey());
            if (matcher.matches()) {
                int index = Integer.parseInt(matcher.group(1));
                if (index < MAX_LEGS) {
                    byIndex.computeIfAbsent(index, i -> new LinkedHashMap<>())
                            .putIfAbsent(matcher.group(2), field.getValue());
                }
            }
        }
        List<StatusCallback.Leg> legs = new ArrayList<>();
        for (Map<String, String> leg : byIndex.values()) {
            legs.add(new StatusCallback.Leg(
                    blankToNull(leg.get("status")),
                    blankToNull(leg.get("oncallduration")),
                    blankToNull(leg.get("answeredby"))));
        }
        return legs;
    }

    private static String first(Map<String, String> fields, String... names) {
        for (String name : names) {
            String value = blankToNull(fields.get(name));
            if (value != null) {
                return value.strip();
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() || value.equalsIgnoreCase("null") ? null : value;
    }
}
