package dev.voicebot.simulator.connect;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Form fields in the order they arrived, repeated names kept. List parameters may be written as {@code Name},
 * {@code Name[]} or {@code Name[0]}, {@code Name[1]} (Exotel's clients use all three for
 * {@code StatusCallbackEvents}); {@link #all} reads them together.
 */
public final class FormData {

    /** One field. */
    public record Field(String name, String value) {}

    private static final Pattern INDEX_SUFFIX = Pattern.compile("\\[\\d*]$");

    private final List<Field> fields;

    public FormData(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    public static FormData empty() {
        return new FormData(List.of());
    }

    /** Parses {@code application/x-www-form-urlencoded} text (also a URL's raw query). */
    public static FormData parseUrlEncoded(String body) {
        List<Field> fields = new ArrayList<>();
        if (body == null || body.isEmpty()) {
            return new FormData(fields);
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            fields.add(new Field(name, value));
        }
        return new FormData(fields);
    }

    /** The first value of {@code name}, stripped; empty when absent or blank. */
    public Optional<String> first(String name) {
        for (Field field : fields) {
            if (field.name().equals(name) && !field.value().isBlank()) {
                return Optional.of(field.value().strip());
            }
        }
        return Optional.empty();
    }

    public boolean has(String name) {
        return first(name).isPresent();
    }

    /** Every value of the list parameter {@code name}, in arrival order, whichever notation was used. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Field field : fields) {
            String base = INDEX_SUFFIX.matcher(field.name()).replaceFirst("");
            if (base.equals(name) && !field.value().isBlank()) {
                values.add(field.value().strip());
            }
        }
        return values;
    }

    public List<Field> fields() {
        return fields;
    }

    /** Name to values, in arrival order. */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Field field : fields) {
            map.computeIfAbsent(field.name(), k -> new ArrayList<>()).add(field.value());
        }
        map.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return Collections.unmodifiableMap(map);
    }

    @Override
    public String toString() {
        return "FormData" + fields.stream().map(Field::name).toList();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed percent-encoding in the form: " + e.getMessage(), e);
        }
    }
}
