package dev.voicebot.stt.grammar;

import java.util.List;
import java.util.Set;

/**
 * A JSGF grammar built from caller phrases.
 *
 * @param text the grammar in JSGF 1.0
 * @param phrases the phrases it accepts (repeatable groups count each member once)
 * @param words every word it uses
 * @param dropped phrases left out because the dictionary lacks one of their words, with why
 */
public record JsgfGrammar(String text, List<String> phrases, Set<String> words, List<String> dropped) {

    public JsgfGrammar {
        phrases = List.copyOf(phrases);
        words = Set.copyOf(words);
        dropped = List.copyOf(dropped);
    }
}
