package dev.voicebot.stt.grammar;

import dev.voicebot.common.script.AgentScript;
import dev.voicebot.common.script.PhraseFamily;
import dev.voicebot.common.script.ScriptIntent;
import dev.voicebot.common.script.SlotSpec;
import dev.voicebot.common.script.SlotType;
import java.util.List;

/** The phrase groups of an agent script: what the embedded recognizer listens for. */
public final class ScriptGrammar {

    /** Digits in a row when the script's digit slots give no bounds: up to a ten-digit phone number. */
    static final int DEFAULT_MAX_DIGITS = 10;

    private ScriptGrammar() {}

    public static List<PhraseGroup> groups(AgentScript script) {
        List<SlotSpec> digitSlots = script.intents().stream()
                .map(ScriptIntent::slots)
                .flatMap(List::stream)
                .filter(slot -> slot.type() == SlotType.DIGITS)
                .toList();
        int min = digitSlots.stream()
                .mapToInt(SlotSpec::minDigits)
                .filter(n -> n > 0)
                .min()
                .orElse(1);
        int max = digitSlots.stream().mapToInt(SlotSpec::maxDigits).max().orElse(DEFAULT_MAX_DIGITS);
        return script.phraseFamilies().stream()
                .map(family -> group(family, min, Math.max(min, max)))
                .toList();
    }

    private static PhraseGroup group(PhraseFamily family, int minDigits, int maxDigits) {
        return family.repeatable()
                ? new PhraseGroup(family.name(), family.phrases(), minDigits, maxDigits)
                : PhraseGroup.of(family.name(), family.phrases());
    }
}
