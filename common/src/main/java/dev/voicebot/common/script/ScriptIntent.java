package dev.voicebot.common.script;

import java.util.List;

/**
 * Something a caller wants, how to recognise it and what the bot answers.
 *
 * @param id unique name in the script, lower-case
 * @param examples full caller utterances that mean this intent, normalised ({@link Utterances})
 * @param keywords words or short phrases that point to this intent inside longer free speech
 * @param dtmf the keypad key that selects this intent, or {@code null}
 * @param slots values collected, in order, before the reply
 * @param reply what the bot says once every slot is filled
 * @param action what happens after the reply
 */
public record ScriptIntent(
        String id,
        List<String> examples,
        List<String> keywords,
        String dtmf,
        List<SlotSpec> slots,
        ScriptTemplate reply,
        IntentAction action) {

    public ScriptIntent {
        examples = List.copyOf(examples);
        keywords = List.copyOf(keywords);
        slots = List.copyOf(slots);
    }
}
