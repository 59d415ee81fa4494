package dev.voicebot.common.script;

import java.util.List;

/**
 * Caller phrases that belong together, for building a recognition grammar.
 *
 * @param name what the phrases are: {@code intent:<id>}, or {@code slot:<type>} for a slot type's
 *     vocabulary
 * @param phrases full utterances: lower-case words separated by single spaces
 * @param repeatable whether a caller says a sequence of these in one utterance (digit words: "one
 *     two three four"); a grammar should accept one or more of them in a row
 */
public record PhraseFamily(String name, List<String> phrases, boolean repeatable) {

    public PhraseFamily {
        phrases = List.copyOf(phrases);
    }
}
