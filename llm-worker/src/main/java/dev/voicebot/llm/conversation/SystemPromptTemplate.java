package dev.voicebot.llm.conversation;

import dev.voicebot.common.script.TemplateValues;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system prompt, rendered for each request from a template with {@code {name}} placeholders:
 * the built-in call values ({@code {from}}, {@code {to}}, {@code {direction}}, {@code {time}},
 * {@code {today}}, {@code {date}}), the call's custom parameters and variables by name, {@code
 * {call_details}} (all of them as "name: value" lines) and {@code {turn}}. Unknown placeholders and
 * other braces stay as written, so the template may contain JSON.
 */
public final class SystemPromptTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]*)}");

    private final String template;
    private final java.time.ZoneId zone;

    public SystemPromptTemplate(String template, java.time.ZoneId zone) {
        this.template = template == null ? "" : template;
        this.zone = zone;
    }

    String render(CallContext context, int turn, Instant now) {
        Map<String, String> values = new TreeMap<>(context.values());
        values.putAll(TemplateValues.builtIns(
                context.from(), context.to(), context.direction().name(), now.atZone(zone)));
        values.put("call_details", details(context.values()));
        values.put("turn", Integer.toString(turn));
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256);
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : matcher.group()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String details(Map<String, String> values) {
        if (values.isEmpty()) {
            return "(none)";
        }
        StringBuilder lines = new StringBuilder();
        new TreeMap<>(values)
                .forEach((name, value) ->
                        lines.append(name).append(": ").append(value).append('\n'));
        return lines.toString().strip();
    }
}
