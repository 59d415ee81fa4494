package dev.voicebot.common.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cuts streamed reply text into segments for speech. The first segment leaves at the first clause
 * boundary (a comma will do once it has a few words), later ones at sentence ends (or clauses once
 * long), so synthesis starts early and still gets whole phrases. A boundary counts only once the
 * next word has begun, so the text after the last cut is never empty and the final segment, with
 * its {@code last} flag, always has words. The llm-worker cuts every reply with it, and the
 * tts-worker cuts the script's fixed lines the same way to fill its phrase cache ahead of calls.
 * Not thread-safe.
 */
public final class SegmentCutter {

    private static final int FIRST_CLAUSE_MIN = 12;
    private static final int CLAUSE_MIN = 80;
    private static final int MAX_SEGMENT = 220;
    private static final Set<String> ABBREVIATIONS =
            Set.of("mr", "mrs", "ms", "dr", "st", "vs", "etc", "e.g", "i.e", "sr", "jr", "prof");

    private final StringBuilder buffer = new StringBuilder();
    private int cuts;

    /** The segments a whole line is spoken in, as the llm-worker publishes it when it says the line at once. */
    public static List<String> segments(String line) {
        SegmentCutter cutter = new SegmentCutter();
        List<String> segments = new ArrayList<>(cutter.feed(line));
        String rest = cutter.finish();
        if (!rest.isEmpty()) {
            segments.add(rest);
        }
        return segments;
    }

    /** Adds text; returns the segments now complete, in order. */
    public List<String> feed(String delta) {
        buffer.append(delta);
        List<String> segments = new ArrayList<>(1);
        int cut;
        while ((cut = nextCut()) > 0) {
            String segment = buffer.substring(0, cut).strip();
            buffer.delete(0, cut);
            if (!segment.isEmpty()) {
                segments.add(segment);
                cuts++;
            }
        }
        return segments;
    }

    /** What is left once the text is complete (may be empty). */
    public String finish() {
        String rest = buffer.toString().strip();
        buffer.setLength(0);
        return rest;
    }

    /** The index after a boundary's whitespace, or 0 when there is no boundary to cut at yet. */
    private int nextCut() {
        int start = leadingSpace();
        for (int i = start; i < buffer.length() - 1; i++) {
            char c = buffer.charAt(i);
            if (!Character.isWhitespace(buffer.charAt(i + 1))) {
                continue;
            }
            int next = nextWordStart(i + 1);
            if (next < 0) {
                return 0;
            }
            int length = i + 1 - start;
            boolean sentence = (c == '.' || c == '!' || c == '?') && !abbreviationBefore(i);
            boolean clause = c == ',' || c == ';' || c == ':' || c == '—';
            if (sentence || (clause && length >= (cuts == 0 ? FIRST_CLAUSE_MIN : CLAUSE_MIN))) {
                return next;
            }
            if (length >= MAX_SEGMENT) {
                return next;
            }
        }
        return 0;
    }

    private int leadingSpace() {
        int i = 0;
        while (i < buffer.length() && Character.isWhitespace(buffer.charAt(i))) {
            i++;
        }
        return i;
    }

    private int nextWordStart(int from) {
        for (int j = from; j < buffer.length(); j++) {
            if (!Character.isWhitespace(buffer.charAt(j))) {
                return j;
            }
        }
        return -1;
    }

    private boolean abbreviationBefore(int dot) {
        int begin = dot;
        while (begin > 0 && !Character.isWhitespace(buffer.charAt(begin - 1))) {
            begin--;
        }
        String word = buffer.substring(begin, dot).toLowerCase(Locale.ROOT);
        return ABBREVIATIONS.contains(word) || (word.length() == 1 && Character.isLetter(word.charAt(0)));
    }
}
