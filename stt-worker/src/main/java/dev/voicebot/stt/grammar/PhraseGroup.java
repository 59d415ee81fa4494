package dev.voicebot.stt.grammar;

import java.util.List;

/**
 * Caller phrases that belong together in a grammar.
 *
 * @param name what they are, for logs ({@code intent:book}, {@code slot:digits})
 * @param phrases full utterances, as words separated by spaces
 * @param minRepeats the fewest of them a caller says in a row (1 for ordinary phrases)
 * @param maxRepeats the most of them a caller says in a row ("four five two one": digits)
 */
public record PhraseGroup(String name, List<String> phrases, int minRepeats, int maxRepeats) {

    public PhraseGroup {
        phrases = List.copyOf(phrases);
        if (minRepeats < 1 || maxRepeats < minRepeats) {
            throw new IllegalArgumentException("phrase group " + name + " needs 1 <= min repeats <= max repeats, got "
                    + minRepeats + ".." + maxRepeats);
        }
    }

    /** Phrases said one per utterance. */
    public static PhraseGroup of(String name, List<String> phrases) {
        return new PhraseGroup(name, phrases, 1, 1);
    }

    public boolean repeatable() {
        return maxRepeats > 1;
    }
}
