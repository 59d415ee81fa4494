package dev.voicebot.llm.conversation;

import dev.voicebot.common.kafka.TurnStage;
import dev.voicebot.common.text.SegmentCutter;
import dev.voicebot.llm.provider.ChatStream;
import dev.voicebot.llm.provider.ToolCall;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One bot reply in progress. Guarded by its conversation's lock. */
final class BotTurn {

    enum Phase {
        /** The provider is producing the reply (or tools are running). */
        STREAMING,
        /** All of it is published; the caller may still be hearing it. */
        SPOKEN,
        /** Heard, interrupted or abandoned: nothing more happens in it. */
        DONE
    }

    /**
     * A published segment and when it left.
     *
     * @param filler a line the worker said while the reply was late: heard, but not the agent's answer
     */
    record Spoken(String text, long publishedAt, boolean filler) {}

    final int number;
    final SegmentCutter cutter = new SegmentCutter();
    final List<Spoken> segments = new ArrayList<>();
    final List<ToolCall> roundToolCalls = new ArrayList<>();
    final List<ToolCall> runningToolCalls = new ArrayList<>();
    Phase phase = Phase.STREAMING;
    ChatStream stream;
    int toolRounds;
    CallAction action;
    /**
     * The {@code vb-turn-started-at} header of the input that asked for this turn (epoch µs of the
     * caller's end of speech), copied onto its segments so later hops can measure the turn; 0 if none.
     */
    final long turnStartedAtMicros;

    /** The turn's timeline: stamps from the input record, then this worker's own. */
    final Map<TurnStage, Long> stamps = new EnumMap<>(TurnStage.class);

    /** {@code System.nanoTime()} when the worker took the input this turn answers; 0 for none. */
    final long inputNanos;

    BotTurn(int number, long turnStartedAtMicros, long inputNanos) {
        this.number = number;
        this.turnStartedAtMicros = turnStartedAtMicros;
        this.inputNanos = inputNanos;
    }

    /** Whether the caller's speech may cut this turn off; a turn that ends the call plays out. */
    boolean interruptible() {
        return action == null && phase != Phase.DONE;
    }

    /** The agent's answer as published so far, without fillers. */
    String spokenText() {
        return String.join(
                " ",
                segments.stream().filter(s -> !s.filler()).map(Spoken::text).toList());
    }

    /** Whether any of the agent's answer (not only a filler) was published. */
    boolean hasAnswer() {
        return segments.stream().anyMatch(s -> !s.filler());
    }

    /**
     * What the caller had heard by {@code at}, estimated from when the first segment left and the
     * speaking rate: whole segments whose audio would have finished by then. A filler takes its
     * time on the line but is not part of the answer.
     */
    String heardBy(long at, double charactersPerSecond) {
        if (segments.isEmpty()) {
            return "";
        }
        long elapsedMs = at - segments.getFirst().publishedAt();
        double budgetChars = elapsedMs / 1000.0 * charactersPerSecond;
        List<String> heard = new ArrayList<>();
        int spokenChars = 0;
        for (Spoken segment : segments) {
            spokenChars += segment.text().length() + 1;
            if (spokenChars > budgetChars) {
                break;
            }
            if (!segment.filler()) {
                heard.add(segment.text());
            }
        }
        return String.join(" ", heard);
    }

    /** How long the published text takes to say, estimated (fillers included). */
    long estimatedSpeechMs(double charactersPerSecond) {
        String all = String.join(" ", segments.stream().map(Spoken::text).toList());
        return (long) (all.length() / charactersPerSecond * 1000);
    }
}
