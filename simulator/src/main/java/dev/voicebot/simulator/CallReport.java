package dev.voicebot.simulator;

import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** Renders a call's timeline, turns, barge-ins and counters as plain text. */
public final class CallReport {

    private static final int LABEL_WIDTH = 36;

    private CallReport() {}

    public static String render(SimulatedCall call) {
        StringBuilder out = new StringBuilder();
        CallIdentity id = call.identity();
        out.append(String.format(
                Locale.ROOT,
                "Call %s (stream %s) to %s at %d Hz%n",
                id.callSid(),
                id.streamSid(),
                call.target().displayUrl(),
                call.sampleRate()));
        timeline(out, call.timeline());
        turns(out, call.turns());
        bargeIns(out, call.bargeIns());
        summary(out, call.stats());
        return out.toString();
    }

    private static void timeline(StringBuilder out, List<TimelineEvent> events) {
        out.append(String.format("%nTimeline (ms since the socket opened)%n"));
        for (TimelineEvent event : events) {
            out.append(String.format(
                    Locale.ROOT,
                    "  %7d  %-20s %s%n",
                    event.atMillis(),
                    event.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    event.detail()));
        }
    }

    private static void turns(StringBuilder out, List<CallerTurn> turns) {
        if (turns.isEmpty()) {
            return;
        }
        out.append(String.format("%nTurns (latency = caller end of speech -> first bot audio)%n"));
        out.append(String.format(
                Locale.ROOT,
                "  %-3s %-" + LABEL_WIDTH + "s %-16s %-12s %s%n",
                "#",
                "caller said",
                "speech (ms)",
                "bot audio",
                "latency"));
        for (CallerTurn turn : turns) {
            String speech = turn.speechStartMillis() + "-" + orDash(turn.speechEndMillis());
            out.append(String.format(
                    Locale.ROOT,
                    "  %-3d %-" + LABEL_WIDTH + "s %-16s %-12s %s%n",
                    turn.index(),
                    abbreviate("\"" + turn.label() + "\""),
                    speech,
                    orDash(turn.firstBotAudioMillis()),
                    turn.latencyMillis().isPresent() ? turn.latencyMillis().getAsLong() + " ms" : "no reply"));
        }
    }

    private static void bargeIns(StringBuilder out, List<BargeIn> bargeIns) {
        if (bargeIns.isEmpty()) {
            return;
        }
        out.append(String.format("%nBarge-ins (clear received)%n"));
        for (BargeIn bargeIn : bargeIns) {
            out.append(String.format(
                    Locale.ROOT,
                    "  at %d ms, %s, dropped %d ms of unplayed bot audio%n",
                    bargeIn.atMillis(),
                    bargeIn.reactionMillis().isPresent()
                            ? bargeIn.reactionMillis().getAsLong() + " ms after the caller started speaking"
                            : "before the caller had spoken",
                    bargeIn.droppedAudioMillis()));
        }
    }

    private static void summary(StringBuilder out, CallStats stats) {
        out.append(String.format("%nSummary%n"));
        line(out, "caller frames sent", Long.toString(stats.callerFramesSent()));
        line(
                out,
                "bot media frames",
                String.format(
                        Locale.ROOT,
                        "%d (%d ms of audio: %d ms played, %d ms dropped by clear)",
                        stats.botMediaFrames(),
                        stats.botAudioMillis(),
                        stats.botPlayedMillis(),
                        stats.botClearedMillis()));
        line(
                out,
                "chunk-size violations",
                stats.chunkSizeViolations() + " (payloads not a multiple of 320 bytes or above 100 KB)");
        line(out, "malformed messages", Long.toString(stats.malformedMessages()));
        line(out, "underruns", stats.underruns() + " (" + stats.underrunMillis() + " ms of gaps mid-turn)");
        line(out, "clears", Long.toString(stats.clears()));
        line(
                out,
                "marks",
                stats.marksReceived() + " received, " + stats.marksEchoed() + " echoed, " + stats.marksDroppedByClear()
                        + " dropped by clear");
        line(out, "dtmf sent", Long.toString(stats.dtmfSent()));
        line(
                out,
                "socket closed",
                stats.close()
                        .map(c -> "by " + c.closedBy().name().toLowerCase(Locale.ROOT) + ", code " + c.statusCode()
                                + (c.reason() == null || c.reason().isEmpty() ? "" : " (" + c.reason() + ")"))
                        .orElse("still open"));
        if (!stats.problems().isEmpty()) {
            out.append(String.format("%nProtocol problems (first %d)%n", CallLog.MAX_PROBLEMS));
            stats.problems().forEach(p -> out.append("  ").append(p).append(System.lineSeparator()));
        }
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(String.format(Locale.ROOT, "  %-24s %s%n", name, value));
    }

    private static String orDash(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : "-";
    }

    private static String abbreviate(String s) {
        return s.length() <= LABEL_WIDTH ? s : s.substring(0, LABEL_WIDTH - 2) + "…\"";
    }
}
