package dev.voicebot.stt.grammar;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the recognizer's JSGF grammar from the phrases a script expects a caller to say. Phrases
 * are normalised (lower case, punctuation other than apostrophes removed); a phrase with a word the
 * pronouncing dictionary does not know is dropped with a warning, since the recognizer could never
 * produce it. Each group becomes one rule; a repeatable group accepts its minimum to maximum
 * number of phrases in a row. The repetition is spelled out as a sequence and nested optionals
 * because sphinxbase compiles {@code ( a | b )+} inside an alternation into a loop back to the
 * alternation's start, which let "oh when are you open" through a grammar that has "oh" only as a
 * digit; tight bounds also keep unexpected speech from being explained as a string of digits,
 * the grammar's strongest attractor.
 */
public final class JsgfGrammarBuilder {

    private static final Logger log = LoggerFactory.getLogger(JsgfGrammarBuilder.class);
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}' ]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final Pronunciations dictionary;

    public JsgfGrammarBuilder(Pronunciations dictionary) {
        this.dictionary = dictionary;
    }

    /** A grammar of plain phrases, none repeatable; see {@link #fromGroups}. */
    public JsgfGrammar fromPhrases(List<String> phrases) {
        return fromGroups(List.of(PhraseGroup.of("phrases", phrases)));
    }

    /**
     * @throws IllegalArgumentException when no phrase survives: a grammar that accepts nothing
     *     would reject every caller
     */
    public JsgfGrammar fromGroups(List<PhraseGroup> groups) {
        StringBuilder rules = new StringBuilder();
        List<String> ruleNames = new ArrayList<>();
        Set<String> accepted = new LinkedHashSet<>();
        Set<String> words = new TreeSet<>();
        List<String> dropped = new ArrayList<>();
        for (PhraseGroup group : groups) {
            Set<String> alternatives = new LinkedHashSet<>();
            for (String raw : group.phrases()) {
                String phrase = normalise(raw);
                if (phrase.isEmpty() || accepted.contains(phrase)) {
                    continue;
                }
                List<String> unknown = new ArrayList<>();
                for (String word : phrase.split(" ")) {
                    if (!dictionary.knows(word)) {
                        unknown.add(word);
                    }
                }
                if (!unknown.isEmpty()) {
                    dropped.add("'" + phrase + "' (" + group.name() + "): not in the dictionary: "
                            + String.join(", ", unknown));
                    continue;
                }
                alternatives.add(phrase);
                words.addAll(List.of(phrase.split(" ")));
            }
            if (alternatives.isEmpty()) {
                continue;
            }
            String rule = "g" + ruleNames.size();
            ruleNames.add("<" + rule + ">");
            accepted.addAll(alternatives);
            String body = String.join(" | ", alternatives);
            if (group.repeatable()) {
                String item = "<" + rule + "item>";
                int optional = group.maxRepeats() - group.minRepeats();
                rules.append('<').append(rule).append("> =").repeat(" " + item, group.minRepeats());
                rules.repeat(" [ " + item, optional).repeat(" ]", optional).append(";\n");
                rules.append(item).append(" = ").append(body).append(";\n");
            } else {
                rules.append('<').append(rule).append("> = ").append(body).append(";\n");
            }
        }
        dropped.forEach(reason -> log.warn("grammar: dropped phrase {}", reason));
        if (ruleNames.isEmpty()) {
            throw new IllegalArgumentException("no caller phrase is usable for the recognition grammar"
                    + (dropped.isEmpty() ? " (the script has none)" : ": " + String.join("; ", dropped)));
        }
        String text =
                "#JSGF V1.0;\ngrammar voicebot;\npublic <utterance> = " + String.join(" | ", ruleNames) + ";\n" + rules;
        return new JsgfGrammar(text, List.copyOf(accepted), words, dropped);
    }

    /** Lower case, words only, single spaces: how phrases appear in the grammar and in transcripts. */
    public static String normalise(String phrase) {
        String words = NOT_WORD.matcher(phrase.toLowerCase(Locale.ROOT)).replaceAll(" ");
        return SPACES.matcher(words).replaceAll(" ").strip();
    }
}
