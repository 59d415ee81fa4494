package dev.voicebot.common.script;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line with {@code {name}} placeholders. A placeholder whose value is missing at render time
 * renders as an empty string; {@link AgentScript} checks at load time that every placeholder names a
 * built-in value, a script variable or a slot filled before the line is said.
 */
public record ScriptTemplate(String text, List<String> placeholders) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]*)}");

    public ScriptTemplate {
        placeholders = List.copyOf(placeholders);
    }

    /** Parses a template; a brace that does not open a well-formed placeholder is an error. */
    public static ScriptTemplate of(String text) {
        List<String> names = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder rest = new StringBuilder();
        while (matcher.find()) {
            names.add(matcher.group(1));
            matcher.appendReplacement(rest, "");
        }
        matcher.appendTail(rest);
        if (rest.indexOf("{") >= 0 || rest.indexOf("}") >= 0) {
            throw new IllegalArgumentException(
                    "a placeholder is {name} with a lower-case name of letters, digits and '_': " + text);
        }
        return new ScriptTemplate(text, Collections.unmodifiableList(names));
    }

    /** The text with each placeholder replaced by its value (empty when there is none). */
    public String render(Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 32);
        while (matcher.find()) {
            String value = values.getOrDefault(matcher.group(1), "");
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString().replaceAll("\\s{2,}", " ").strip();
    }
}
