package dev.voicebot.common.script;

import java.util.List;

/**
 * The bot's lines that belong to no intent.
 *
 * @param noMatch said in turn when an utterance matches nothing (the last one repeats)
 * @param silence said in turn when the caller stays silent (the last one repeats)
 * @param silenceGoodbye said before hanging up on a caller who stayed silent through every reprompt
 * @param fallback said when the agent itself fails, so the caller never hears silence
 */
public record ScriptLines(
        List<ScriptTemplate> noMatch,
        List<ScriptTemplate> silence,
        ScriptTemplate silenceGoodbye,
        ScriptTemplate fallback) {

    public ScriptLines {
        noMatch = List.copyOf(noMatch);
        silence = List.copyOf(silence);
    }
}
