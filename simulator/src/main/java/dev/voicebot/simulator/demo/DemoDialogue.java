package dev.voicebot.simulator.demo;

import dev.voicebot.common.script.AgentScript;
import dev.voicebot.common.script.ScriptIntent;
import dev.voicebot.common.script.ScriptTemplate;
import dev.voicebot.common.script.SlotSpec;
import dev.voicebot.common.script.SlotType;
import dev.voicebot.common.script.TemplateValues;
import dev.voicebot.common.script.Utterances;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo conversation with the appointment line of {@code scripts/appointments.yaml}: after the greeting the caller
 * asks to book an appointment, answers the two slot questions (a day, yes), talks over the bot's confirmation (a
 * barge-in) to ask for the opening hours, then says goodbye and the bot ends the call.
 *
 * <p>Every caller line is one of the script's own caller phrases, so the embedded recognizer, whose grammar is built
 * from those phrases, can hear it; {@link #of(AgentScript)} refuses a script that lacks one.
 */
public final class DemoDialogue {

    /** When the caller says a line. */
    public enum Cue {
        /** Once the bot's previous reply has finished playing. */
        AFTER_REPLY,
        /** While the bot's previous reply is still playing: a barge-in. */
        OVER_BOT
    }

    /**
     * One caller line.
     *
     * @param line what the caller says, one of the script's caller phrases
     * @param cue when the caller says it
     * @param purpose what the line does in the conversation, for the printed transcript
     * @param reply what the bot is expected to answer, a template of the script
     * @param botEnds whether the bot is expected to end the call after that answer
     */
    public record Step(String line, Cue cue, String purpose, ScriptTemplate reply, boolean botEnds) {}

    static final String BOOK_LINE = "i would like to book an appointment";
    static final String DAY_LINE = "tomorrow";
    static final String CONFIRM_LINE = "yes please";
    static final String HOURS_LINE = "what are your opening hours";
    static final String GOODBYE_LINE = "thank you goodbye";

    private final AgentScript script;
    private final List<Step> steps;
    private final Map<String, String> slotValues;

    private DemoDialogue(AgentScript script, List<Step> steps, Map<String, String> slotValues) {
        this.script = script;
        this.steps = List.copyOf(steps);
        this.slotValues = Map.copyOf(slotValues);
    }

    /** The demo dialogue of the bundled demo script. */
    public static DemoDialogue demo() {
        return of(AgentScript.demo());
    }

    /**
     * The demo dialogue for {@code script}.
     *
     * @throws IllegalArgumentException if the script lacks an intent, slot or caller phrase the dialogue uses
     */
    public static DemoDialogue of(AgentScript script) {
        ScriptIntent book = intent(script, "book", BOOK_LINE);
        ScriptIntent hours = intent(script, "hours", HOURS_LINE);
        ScriptIntent goodbye = intent(script, "goodbye", GOODBYE_LINE);
        SlotSpec day = slot(script, book, SlotType.DAY, DAY_LINE);
        SlotSpec confirm = slot(script, book, SlotType.YES_NO, CONFIRM_LINE);
        if (!book.slots().equals(List.of(day, confirm))) {
            throw new IllegalArgumentException(
                    script.source() + ": the demo expects the book intent to ask for a day, then a yes or no");
        }
        List<Step> steps = List.of(
                new Step(BOOK_LINE, Cue.AFTER_REPLY, "asks to book an appointment", day.prompt(), false),
                new Step(DAY_LINE, Cue.AFTER_REPLY, "answers which day", confirm.prompt(), false),
                new Step(CONFIRM_LINE, Cue.AFTER_REPLY, "confirms the booking", book.reply(), false),
                new Step(HOURS_LINE, Cue.OVER_BOT, "interrupts to ask for the opening hours", hours.reply(), false),
                new Step(GOODBYE_LINE, Cue.AFTER_REPLY, "says goodbye", goodbye.reply(), true));
        Map<String, String> slotValues = new HashMap<>();
        slotValues.put(day.name(), day.type().spoken(day.type().parse(DAY_LINE).orElseThrow()));
        slotValues.put(confirm.name(), confirm.type().parse(CONFIRM_LINE).orElseThrow());
        return new DemoDialogue(script, steps, slotValues);
    }

    public AgentScript script() {
        return script;
    }

    public List<Step> steps() {
        return steps;
    }

    /** The index of the step the caller says over the bot. */
    public int bargeInStep() {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).cue() == Cue.OVER_BOT) {
                return i;
            }
        }
        throw new IllegalStateException("the demo dialogue has no barge-in");
    }

    /**
     * What the scripted agent is expected to say on an inbound call from {@code from} to {@code to}: the greeting,
     * then its answer to each step, in order.
     */
    public List<String> expectedBotLines(String from, String to, ZonedDateTime now) {
        Map<String, String> values =
                new HashMap<>(TemplateValues.builtIns(from, to, "inbound", now.withZoneSameInstant(script.zone())));
        values.putAll(script.variables());
        values.putAll(slotValues);
        List<String> lines = new ArrayList<>();
        lines.add(script.inboundGreeting().render(values));
        steps.forEach(step -> lines.add(step.reply().render(values)));
        return List.copyOf(lines);
    }

    private static ScriptIntent intent(AgentScript script, String id, String line) {
        ScriptIntent intent = script.intent(id)
                .orElseThrow(() -> new IllegalArgumentException(
                        script.source() + ": the demo needs an intent '" + id + "' (see scripts/appointments.yaml)"));
        if (!intent.examples().contains(line)) {
            throw new IllegalArgumentException(
                    script.source() + ": the demo says '" + line + "', which is not an example of intent '" + id + "'");
        }
        return intent;
    }

    private static SlotSpec slot(AgentScript script, ScriptIntent intent, SlotType type, String line) {
        Optional<SlotSpec> slot =
                intent.slots().stream().filter(s -> s.type() == type).findFirst();
        if (slot.isEmpty()) {
            throw new IllegalArgumentException(script.source() + ": the demo needs intent '" + intent.id()
                    + "' to have a slot of type " + type.wire());
        }
        if (!type.phrases().phrases().contains(Utterances.normalize(line))) {
            throw new IllegalArgumentException(
                    script.source() + ": '" + line + "' is not a " + type.wire() + " phrase of the recognizer");
        }
        return slot.get();
    }
}
