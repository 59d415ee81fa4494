package dev.voicebot.tts.text;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts long text into pieces of at most a given length at sentence boundaries, so that a long
 * reply starts playing after its first sentence instead of after all of it. A single sentence
 * longer than the limit is cut at a clause mark (, ; :) or, failing that, between words.
 */
public final class SentenceSplitter {

    private final int maxChars;

    public SentenceSplitter(int maxChars) {
        if (maxChars < 20) {
            throw new IllegalArgumentException("pieces must allow at least 20 characters, got " + maxChars);
        }
        this.maxChars = maxChars;
    }

    public List<String> split(String text) {
        if (text.length() <= maxChars) {
            return text.isEmpty() ? List.of() : List.of(text);
        }
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String sentence : sentences(text)) {
            for (String part : cutLongSentence(sentence)) {
                if (!current.isEmpty() && current.length() + 1 + part.length() > maxChars) {
                    pieces.add(current.toString());
                    current.setLength(0);
                }
                if (!current.isEmpty()) {
                    current.append(' ');
                }
                current.append(part);
            }
        }
        if (!current.isEmpty()) {
            pieces.add(current.toString());
        }
        return pieces;
    }

    private static List<String> sentences(String text) {
        BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ROOT);
        iterator.setText(text);
        List<String> sentences = new ArrayList<>();
        int start = iterator.first();
        for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
            String sentence = text.substring(start, end).strip();
            if (!sentence.isEmpty()) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }

    private List<String> cutLongSentence(String sentence) {
        List<String> parts = new ArrayList<>();
        String rest = sentence;
        while (rest.length() > maxChars) {
            int cut = lastIndexOfAny(rest, ",;:", maxChars);
            if (cut < maxChars / 3) {
                cut = rest.lastIndexOf(' ', maxChars);
            }
            if (cut <= 0) {
                cut = maxChars - 1;
            }
            parts.add(rest.substring(0, cut + 1).strip());
            rest = rest.substring(cut + 1).strip();
        }
        if (!rest.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    private static int lastIndexOfAny(String s, String marks, int before) {
        int best = -1;
        for (char mark : marks.toCharArray()) {
            best = Math.max(best, s.lastIndexOf(mark, before - 1));
        }
        return best;
    }
}
