package dev.voicebot.common.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An agent script: the greeting, the intents a caller may have (example phrases, keywords, a keypad
 * key, slots to fill, a reply, an action), and the lines for no match, silence and failure.
 *
 * <p>The file is YAML; {@code scripts/appointments.yaml} on the classpath is a complete example:
 *
 * <pre>{@code
 * name: Sunrise Family Clinic            # required
 * timezone: Asia/Kolkata                 # for {time}, {today}, {date}; default UTC
 * variables:                             # defaults; a call's custom parameters override them
 *   clinic_name: Sunrise Family Clinic
 * greeting:
 *   inbound: Hello, thank you for calling {clinic_name}. How can I help?
 *   outbound: Hello {caller_name} ...    # optional, default: inbound
 * lines:
 *   no_match: [Sorry, I didn't catch that. ...]       # required, said in turn
 *   silence: [Are you still there?]                   # said in turn on caller silence
 *   silence_goodbye: I'll end the call now. Goodbye.  # after the last silence reprompt
 *   fallback: Sorry, could you say that again?        # when the agent fails
 * intents:
 *   - id: book                                # lower-case, unique
 *     examples: [book an appointment, ...]    # full caller utterances, words only
 *     keywords: [book, appointment]           # optional, for free speech
 *     dtmf: "1"                               # optional keypad key
 *     slots:                                  # optional, asked in order
 *       - {name: day, type: day, prompt: Which day?}
 *       - {name: confirm, type: yes_no, prompt: "{day}, shall I book it?", on_no: Okay, not booked.}
 *     reply: You're booked for {day}.         # said once every slot is filled
 *     action: none                            # none, end_call or transfer
 * }</pre>
 *
 * <p>Templates use {@code {name}} placeholders: the built-ins of {@link TemplateValues#BUILT_INS},
 * the script's variables and the intent's slots filled before the line. Slot types are {@code
 * digits} ({@code min_digits}, {@code max_digits}), {@code yes_no} (needs {@code on_no}) and
 * {@code day}. Loading checks all of it and fails with a {@link ScriptException} that names the
 * file, the intent and the field.
 */
public final class AgentScript {

    /** The demo script's classpath resource. */
    public static final String DEMO_RESOURCE = "scripts/appointments.yaml";

    private static final String CLASSPATH_PREFIX = "classpath:";

    private final String source;
    private final String name;
    private final ZoneId zone;
    private final Map<String, String> variables;
    private final ScriptTemplate inboundGreeting;
    private final ScriptTemplate outboundGreeting;
    private final ScriptLines lines;
    private final List<ScriptIntent> intents;

    AgentScript(
            String source,
            String name,
            ZoneId zone,
            Map<String, String> variables,
            ScriptTemplate inboundGreeting,
            ScriptTemplate outboundGreeting,
            ScriptLines lines,
            List<ScriptIntent> intents) {
        this.source = source;
        this.name = name;
        this.zone = zone;
        this.variables = Map.copyOf(variables);
        this.inboundGreeting = inboundGreeting;
        this.outboundGreeting = outboundGreeting;
        this.lines = lines;
        this.intents = List.copyOf(intents);
    }

    /** Reads a script file. */
    public static AgentScript load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScriptException(file + ": cannot read the script: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Reads a script from the classpath, e.g. {@link #DEMO_RESOURCE}. */
    public static AgentScript loadResource(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(AgentScript.class.getClassLoader());
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new ScriptException("classpath:" + path + ": no such script on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + path);
        } catch (IOException e) {
            throw new ScriptException("classpath:" + path + ": cannot read the script: " + e.getMessage(), e);
        }
    }

    /** Reads {@code classpath:<resource>} or a file path. */
    public static AgentScript fromLocation(String location) {
        if (location == null || location.isBlank()) {
            throw new ScriptException("no script location given (a file path or classpath:<resource>)");
        }
        String trimmed = location.strip();
        return trimmed.startsWith(CLASSPATH_PREFIX)
                ? loadResource(trimmed.substring(CLASSPATH_PREFIX.length()))
                : load(Path.of(trimmed));
    }

    /** The demo appointment line. */
    public static AgentScript demo() {
        return loadResource(DEMO_RESOURCE);
    }

    /**
     * Reads a script from text.
     *
     * @param source how errors name the script (a file name)
     */
    public static AgentScript parse(String yaml, String source) {
        return ScriptReader.read(yaml, source);
    }

    public String source() {
        return source;
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The script's variables with their default values. */
    public Map<String, String> variables() {
        return variables;
    }

    /** A line of {@link #lines()} as said on any call: rendered with the script's own variables. */
    public String render(ScriptTemplate line) {
        return line.render(new HashMap<>(variables));
    }

    public ScriptTemplate inboundGreeting() {
        return inboundGreeting;
    }

    public ScriptTemplate outboundGreeting() {
        return outboundGreeting;
    }

    public ScriptLines lines() {
        return lines;
    }

    public List<ScriptIntent> intents() {
        return intents;
    }

    public Optional<ScriptIntent> intent(String id) {
        return intents.stream().filter(intent -> intent.id().equals(id)).findFirst();
    }

    /**
     * Every utterance the script expects from a caller, each a full utterance of lower-case words
     * separated by single spaces, without duplicates: the intents' examples, then the vocabulary of
     * each slot type the script uses. Digits appear one word per phrase ("one", "two", "oh"); a
     * grammar should let a caller say several in a row (see {@link #phraseFamilies()}).
     */
    public List<String> callerPhrases() {
        Set<String> phrases = new LinkedHashSet<>();
        for (PhraseFamily family : phraseFamilies()) {
            phrases.addAll(family.phrases());
        }
        return List.copyOf(phrases);
    }

    /**
     * The caller phrases grouped: one family per intent ({@code intent:<id>}), then one per slot
     * type the script uses ({@code slot:digits} is {@link PhraseFamily#repeatable() repeatable}).
     */
    public List<PhraseFamily> phraseFamilies() {
        List<PhraseFamily> families = new ArrayList<>();
        Set<SlotType> slotTypes = new LinkedHashSet<>();
        for (ScriptIntent intent : intents) {
            families.add(new PhraseFamily("intent:" + intent.id(), intent.examples(), false));
            intent.slots().forEach(slot -> slotTypes.add(slot.type()));
        }
        slotTypes.forEach(type -> families.add(type.phrases()));
        return families;
    }

    /**
     * Every fixed line the bot can say, rendered for a sample inbound call (sample numbers, the
     * variables' defaults, sample slot values), without duplicates: greetings, slot prompts and
     * answers, replies, no-match and silence lines, the silence goodbye and the fallback line.
     */
    public List<String> botLines() {
        Map<String, String> values = sampleValues();
        Set<String> rendered = new LinkedHashSet<>(greetings());
        for (ScriptIntent intent : intents) {
            Map<String, String> withSlots = new HashMap<>(values);
            for (SlotSpec slot : intent.slots()) {
                withSlots.put(slot.name(), slot.type().spoken(slot.type().sampleValue()));
            }
            for (SlotSpec slot : intent.slots()) {
                rendered.add(slot.prompt().render(withSlots));
                if (slot.onNo() != null) {
                    rendered.add(slot.onNo().render(withSlots));
                }
            }
            rendered.add(intent.reply().render(withSlots));
        }
        lines.noMatch().forEach(line -> rendered.add(line.render(values)));
        lines.silence().forEach(line -> rendered.add(line.render(values)));
        rendered.add(lines.silenceGoodbye().render(values));
        rendered.add(lines.fallback().render(values));
        rendered.remove("");
        return List.copyOf(rendered);
    }

    /**
     * The greetings, inbound then outbound (one if they are the same), rendered as {@link
     * #botLines()} renders them: the first lines of {@code botLines()}.
     */
    public List<String> greetings() {
        Map<String, String> values = sampleValues();
        Set<String> rendered = new LinkedHashSet<>();
        rendered.add(inboundGreeting.render(values));
        rendered.add(outboundGreeting.render(values));
        rendered.remove("");
        return List.copyOf(rendered);
    }

    private Map<String, String> sampleValues() {
        Map<String, String> values = new HashMap<>(TemplateValues.sample(zone));
        values.putAll(variables);
        return values;
    }

    @Override
    public String toString() {
        return "AgentScript[" + name + " from " + source + ", " + intents.size() + " intents]";
    }
}
