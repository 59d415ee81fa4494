package dev.voicebot.common.script;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads and checks a script file; every problem is a {@link ScriptException} naming its place. */
final class ScriptReader {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern PHRASE = Pattern.compile("[a-z']+( [a-z']+)*");
    private static final Pattern DTMF_KEY = Pattern.compile("[0-9*#]");

    private final String source;
    private final Set<String> variableNames = new HashSet<>();

    private ScriptReader(String source) {
        this.source = source;
    }

    static AgentScript read(String yaml, String source) {
        return new ScriptReader(source).script(parse(yaml, source));
    }

    private static ScriptNode parse(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            var location = e.getLocation();
            String where =
                    location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new ScriptException(source + ": not valid YAML" + where + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ScriptException(source + ": the script is empty");
        }
        return new ScriptNode(source, "", root);
    }

    private AgentScript script(ScriptNode root) {
        root.onlyFields(Set.of("name", "timezone", "variables", "greeting", "lines", "intents"));
        String name = root.field("name").text();
        ZoneId zone = zone(root);
        Map<String, String> variables = variables(root);
        ScriptNode greeting = root.field("greeting").onlyFields(Set.of("inbound", "outbound"));
        ScriptTemplate inbound = checked(greeting.field("inbound"), List.of());
        ScriptTemplate outbound = greeting.has("outbound") ? checked(greeting.field("outbound"), List.of()) : inbound;
        ScriptLines lines = lines(root.field("lines"));
        List<ScriptIntent> intents = intents(root.field("intents"));
        return new AgentScript(source, name, zone, variables, inbound, outbound, lines, intents);
    }

    private ZoneId zone(ScriptNode root) {
        if (!root.has("timezone")) {
            return ZoneId.of("UTC");
        }
        ScriptNode node = root.field("timezone");
        try {
            return ZoneId.of(node.text());
        } catch (DateTimeException e) {
            throw node.error("not a time zone id such as Asia/Kolkata: " + e.getMessage());
        }
    }

    private Map<String, String> variables(ScriptNode root) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (!root.has("variables")) {
            return variables;
        }
        for (var entry : root.field("variables").fields().entrySet()) {
            String key = entry.getKey();
            ScriptNode value = entry.getValue();
            if (!NAME.matcher(key).matches()) {
                throw value.error("a variable name is lower-case letters, digits and '_', starting with a letter");
            }
            if (TemplateValues.BUILT_INS.contains(key)) {
                throw value.error("'" + key + "' is a built-in value; choose another name");
            }
            variables.put(key, value.text());
        }
        variableNames.addAll(variables.keySet());
        return variables;
    }

    private ScriptLines lines(ScriptNode node) {
        node.onlyFields(Set.of("no_match", "silence", "silence_goodbye", "fallback"));
        List<ScriptTemplate> noMatch = new ArrayList<>();
        for (ScriptNode line : node.field("no_match").list()) {
            noMatch.add(checked(line, List.of()));
        }
        List<ScriptTemplate> silence = new ArrayList<>();
        for (ScriptNode line : node.list("silence")) {
            silence.add(checked(line, List.of()));
        }
        if (silence.isEmpty()) {
            silence.add(ScriptTemplate.of("Are you still there?"));
        }
        ScriptTemplate silenceGoodbye = node.has("silence_goodbye")
                ? checked(node.field("silence_goodbye"), List.of())
                : ScriptTemplate.of("I can't hear anything, so I'll end the call now. Goodbye.");
        ScriptTemplate fallback = node.has("fallback")
                ? checked(node.field("fallback"), List.of())
                : ScriptTemplate.of("Sorry, I'm having trouble right now. Could you say that again?");
        return new ScriptLines(noMatch, silence, silenceGoodbye, fallback);
    }

    private List<ScriptIntent> intents(ScriptNode node) {
        List<ScriptIntent> intents = new ArrayList<>();
        Map<String, String> exampleOwners = new HashMap<>();
        Map<String, String> keyOwners = new HashMap<>();
        for (ScriptNode item : node.list()) {
            ScriptIntent intent = intent(item, exampleOwners, keyOwners);
            if (intents.stream().anyMatch(other -> other.id().equals(intent.id()))) {
                throw item.labelled(intent.id()).error("intent id '" + intent.id() + "' is used twice");
            }
            intents.add(intent);
        }
        return intents;
    }

    private ScriptIntent intent(ScriptNode raw, Map<String, String> exampleOwners, Map<String, String> keyOwners) {
        String id = raw.field("id").text();
        ScriptNode item = raw.labelled(id);
        item.onlyFields(Set.of("id", "examples", "keywords", "dtmf", "slots", "reply", "action"));
        if (!NAME.matcher(id).matches()) {
            throw item.field("id").error("an intent id is lower-case letters, digits and '_', starting with a letter");
        }
        List<String> examples = new ArrayList<>();
        for (ScriptNode example : item.field("examples").list()) {
            String phrase = phrase(example);
            String owner = exampleOwners.putIfAbsent(phrase, id);
            if (owner != null) {
                throw example.error("'" + phrase + "' is already an example of intent '" + owner + "'");
            }
            examples.add(phrase);
        }
        List<String> keywords = new ArrayList<>();
        for (ScriptNode keyword : item.list("keywords")) {
            keywords.add(phrase(keyword));
        }
        String dtmf = null;
        if (item.has("dtmf")) {
            ScriptNode key = item.field("dtmf");
            dtmf = key.text();
            if (!DTMF_KEY.matcher(dtmf).matches()) {
                throw key.error("a keypad key is one of 0-9, * or #, not '" + dtmf + "'");
            }
            String owner = keyOwners.putIfAbsent(dtmf, id);
            if (owner != null) {
                throw key.error("key " + dtmf + " already selects intent '" + owner + "'");
            }
        }
        List<SlotSpec> slots = new ArrayList<>();
        for (ScriptNode slot : item.list("slots")) {
            slots.add(slot(slot, slots));
        }
        ScriptTemplate reply = checked(item.field("reply"), names(slots));
        IntentAction action = IntentAction.NONE;
        if (item.has("action")) {
            ScriptNode node = item.field("action");
            try {
                action = IntentAction.parse(node.text());
            } catch (IllegalArgumentException e) {
                throw node.error(e.getMessage());
            }
        }
        return new ScriptIntent(id, examples, keywords, dtmf, slots, reply, action);
    }

    private SlotSpec slot(ScriptNode raw, List<SlotSpec> earlier) {
        String name = raw.field("name").text();
        ScriptNode node = raw.labelled(name);
        node.onlyFields(Set.of("name", "type", "prompt", "on_no", "min_digits", "max_digits"));
        if (!NAME.matcher(name).matches()) {
            throw node.field("name").error("a slot name is lower-case letters, digits and '_', starting with a letter");
        }
        if (TemplateValues.BUILT_INS.contains(name)
                || variableNames.contains(name)
                || names(earlier).contains(name)) {
            throw node.field("name").error("'" + name + "' is already a built-in value, variable or slot");
        }
        ScriptNode typeNode = node.field("type");
        SlotType type = SlotType.fromWire(typeNode.text())
                .orElseThrow(() -> typeNode.error("must be digits, yes_no or day, not '" + typeNode.text() + "'"));
        List<String> known = names(earlier);
        ScriptTemplate prompt = checked(node.field("prompt"), known);
        ScriptTemplate onNo = null;
        if (type == SlotType.YES_NO) {
            onNo = checked(node.field("on_no"), known);
        } else if (node.has("on_no")) {
            throw node.field("on_no").error("only a yes_no slot has on_no");
        }
        int minDigits = node.number("min_digits", 1);
        int maxDigits = node.number("max_digits", 16);
        if (type != SlotType.DIGITS && (node.has("min_digits") || node.has("max_digits"))) {
            throw node.error("only a digits slot has min_digits and max_digits");
        }
        if (minDigits < 1 || maxDigits < minDigits) {
            throw node.error("needs 1 <= min_digits <= max_digits, not " + minDigits + " and " + maxDigits);
        }
        return new SlotSpec(name, type, prompt, onNo, minDigits, maxDigits);
    }

    /** A caller phrase as the recognizer hears it: lower-case words, numbers spelled out. */
    private static String phrase(ScriptNode node) {
        String raw = node.text();
        String normalized = Utterances.normalize(raw);
        if (normalized.chars().anyMatch(Character::isDigit)) {
            throw node.error("write numbers as words, as a caller says them: '" + raw + "'");
        }
        if (!PHRASE.matcher(normalized).matches()) {
            throw node.error("a caller phrase is words only: '" + raw + "'");
        }
        return normalized;
    }

    private ScriptTemplate checked(ScriptNode node, List<String> slotNames) {
        ScriptTemplate template = node.template();
        for (String placeholder : template.placeholders()) {
            boolean known = TemplateValues.BUILT_INS.contains(placeholder)
                    || variableNames.contains(placeholder)
                    || slotNames.contains(placeholder);
            if (!known) {
                throw node.error("unknown placeholder {" + placeholder + "}; a template may use the built-in values "
                        + TemplateValues.BUILT_INS.stream().sorted().toList() + ", the variables "
                        + variableNames.stream().sorted().toList() + " and the slots " + slotNames
                        + " filled before it");
            }
        }
        return template;
    }

    private static List<String> names(List<SlotSpec> slots) {
        return slots.stream().map(SlotSpec::name).toList();
    }
}
