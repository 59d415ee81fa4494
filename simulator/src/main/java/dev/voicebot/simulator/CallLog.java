package dev.voicebot.simulator;

import dev.voicebot.simulator.TimelineEvent.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What happened on a call: timeline, caller turns with latencies, barge-ins and counters. Not thread-safe; the call
 * guards it.
 */
final class CallLog {

    static final int MAX_PROBLEMS = 50;

    private final List<TimelineEvent> events = new ArrayList<>();
    private final List<MutableTurn> turns = new ArrayList<>();
    private final List<BargeIn> bargeIns = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    long callerFramesSent;
    long botMediaFrames;
    long botAudioMillis;
    long botClearedMillis;
    long chunkSizeViolations;
    long malformedMessages;
    long underruns;
    long underrunMillis;
    long marksReceived;
    long marksEchoed;
    long marksDroppedByClear;
    long dtmfSent;
    long lastBotMediaMillis = -1;
    private long lastCallerActionMillis = -1;
    private String lastCallerAction = "";

    void event(long atMillis, Kind kind, String detail) {
        events.add(new TimelineEvent(atMillis, kind, detail));
    }

    void callerSpeechStarted(long atMillis, String label) {
        turns.add(new MutableTurn(turns.size() + 1, label, atMillis));
        event(atMillis, Kind.CALLER_SPEECH_START, quote(label));
    }

    void callerSpeechEnded(long atMillis, String label) {
        if (!turns.isEmpty()) {
            turns.getLast().speechEnd = atMillis;
        }
        callerActed(atMillis, "the caller stopped speaking");
        event(atMillis, Kind.CALLER_SPEECH_END, quote(label));
    }

    void dtmfSent(long atMillis, char digit) {
        dtmfSent++;
        callerActed(atMillis, "dtmf " + digit);
        event(atMillis, Kind.DTMF_SENT, String.valueOf(digit));
    }

    /** When the caller last finished saying something or pressed a key; -1 before that. */
    long lastCallerActionMillis() {
        return lastCallerActionMillis;
    }

    /** Describes the start of a bot turn relative to what the caller did last. */
    String botTurnStartDetail(long atMillis) {
        if (!turns.isEmpty() && turns.getLast().speechEnd < 0) {
            return "while the caller is speaking";
        }
        if (lastCallerActionMillis < 0) {
            return atMillis + " ms after the socket opened";
        }
        return (atMillis - lastCallerActionMillis) + " ms after " + lastCallerAction;
    }

    /** Bot audio arrived; the first after the caller's latest speech end answers that turn. */
    void botMediaArrived(long atMillis, long audioMillis) {
        botMediaFrames++;
        botAudioMillis += audioMillis;
        lastBotMediaMillis = atMillis;
        if (!turns.isEmpty()) {
            MutableTurn last = turns.getLast();
            if (last.speechEnd >= 0 && last.firstBotAudio < 0 && atMillis >= last.speechEnd) {
                last.firstBotAudio = atMillis;
            }
        }
    }

    BargeIn clearReceived(long atMillis, long droppedMillis) {
        botClearedMillis += droppedMillis;
        OptionalLong reaction = OptionalLong.empty();
        for (int i = turns.size() - 1; i >= 0; i--) {
            if (turns.get(i).speechStart <= atMillis) {
                reaction = OptionalLong.of(atMillis - turns.get(i).speechStart);
                break;
            }
        }
        BargeIn bargeIn = new BargeIn(atMillis, reaction, droppedMillis);
        bargeIns.add(bargeIn);
        String detail = "dropped " + droppedMillis + " ms of unplayed audio"
                + (reaction.isPresent() ? ", " + reaction.getAsLong() + " ms after the caller started speaking" : "");
        event(atMillis, Kind.CLEAR_RECEIVED, detail);
        return bargeIn;
    }

    void underrun(long dryAtMillis, long resumedAtMillis) {
        underruns++;
        underrunMillis += resumedAtMillis - dryAtMillis;
        event(dryAtMillis, Kind.UNDERRUN, "bot audio ran out for " + (resumedAtMillis - dryAtMillis) + " ms mid-turn");
    }

    void problem(long atMillis, String description) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(atMillis + " ms: " + description);
        }
        event(atMillis, Kind.PROTOCOL_ERROR, description);
    }

    /** Callers' turns, in order, latest state. */
    List<CallerTurn> turns() {
        return turns.stream().map(MutableTurn::snapshot).toList();
    }

    List<BargeIn> bargeIns() {
        return List.copyOf(bargeIns);
    }

    /** Events ordered by time; caller speech is logged when its chunk is sent, so it is sorted into place here. */
    List<TimelineEvent> timeline() {
        return events.stream()
                .sorted(Comparator.comparingLong(TimelineEvent::atMillis))
                .toList();
    }

    CallStats stats(long botPlayedMillis, Optional<CloseInfo> close) {
        return new CallStats(
                callerFramesSent,
                botMediaFrames,
                botAudioMillis,
                botPlayedMillis,
                botClearedMillis,
                chunkSizeViolations,
                malformedMessages,
                underruns,
                underrunMillis,
                bargeIns.size(),
                marksReceived,
                marksEchoed,
                marksDroppedByClear,
                dtmfSent,
                problems,
                close);
    }

    private void callerActed(long atMillis, String what) {
        if (atMillis >= lastCallerActionMillis) {
            lastCallerActionMillis = atMillis;
            lastCallerAction = what;
        }
    }

    private static String quote(String label) {
        return "\"" + label + "\"";
    }

    private static final class MutableTurn {
        final int index;
        final String label;
        final long speechStart;
        long speechEnd = -1;
        long firstBotAudio = -1;

        MutableTurn(int index, String label, long speechStart) {
            this.index = index;
            this.label = label;
            this.speechStart = speechStart;
        }

        CallerTurn snapshot() {
            return new CallerTurn(
                    index,
                    label,
                    speechStart,
                    speechEnd < 0 ? OptionalLong.empty() : OptionalLong.of(speechEnd),
                    firstBotAudio < 0 ? OptionalLong.empty() : OptionalLong.of(firstBotAudio));
        }
    }
}
