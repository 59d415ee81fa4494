package dev.voicebot.llm.scripted;

import dev.voicebot.common.script.AgentScript;
import dev.voicebot.common.script.ScriptIntent;
import dev.voicebot.common.script.Utterances;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the intent of a caller's utterance. An utterance equal to an example matches outright
 * (that is all a grammar-constrained recognizer produces); free speech from a cloud recognizer is
 * scored by the keywords it contains and by how well its content words agree with an example's.
 * Ties go to the intent listed first.
 */
final class IntentMatcher {

    /** Below this score an utterance matches nothing. */
    static final double THRESHOLD = 0.5;

    private static final Set<String> FILLER = Set.of(
            "a", "an", "the", "i", "i'd", "i'm", "to", "my", "me", "you", "your", "is", "it", "do", "can", "please",
            "want", "would", "like", "need", "um", "uh", "er", "so", "and", "of", "for", "be", "am", "are", "could",
            "just", "well", "oh", "hi", "hello");

    private final List<ScriptIntent> intents;

    IntentMatcher(AgentScript script) {
        this.intents = script.intents();
    }

    /** A match of a normalised utterance. */
    record Match(ScriptIntent intent, double score) {}

    Optional<Match> match(String utterance) {
        String normalized = Utterances.normalize(utterance);
        if (normalized.isEmpty()) {
            return Optional.empty();
        }
        Set<String> words = new HashSet<>(Arrays.asList(normalized.split(" ")));
        String padded = " " + normalized + " ";
        Match best = null;
        for (ScriptIntent intent : intents) {
            double score = score(intent, normalized, padded, words);
            if (score >= THRESHOLD && (best == null || score > best.score())) {
                best = new Match(intent, score);
            }
        }
        return Optional.ofNullable(best);
    }

    private static double score(ScriptIntent intent, String normalized, String padded, Set<String> words) {
        if (intent.examples().contains(normalized)) {
            return 1.0;
        }
        double best = 0;
        for (String keyword : intent.keywords()) {
            if (padded.contains(" " + keyword + " ")) {
                best = Math.max(best, 0.6 + 0.05 * keyword.split(" ").length);
            }
        }
        for (String example : intent.examples()) {
            best = Math.max(best, 0.9 * overlap(example, words));
        }
        return best;
    }

    /**
     * How well an example's content words and the utterance's agree: the harmonic mean of the
     * share of the example the utterance says and the share of the utterance the example covers.
     */
    private static double overlap(String example, Set<String> words) {
        int exampleContent = 0;
        int found = 0;
        for (String word : example.split(" ")) {
            if (FILLER.contains(word)) {
                continue;
            }
            exampleContent++;
            if (words.contains(word)) {
                found++;
            }
        }
        long utteranceContent =
                words.stream().filter(word -> !FILLER.contains(word)).count();
        if (found == 0 || utteranceContent == 0) {
            return 0;
        }
        double recall = (double) found / exampleContent;
        double precision = (double) found / utteranceContent;
        return 2 * precision * recall / (precision + recall);
    }
}
