package dev.voicebot.simulator.demo;

import dev.voicebot.common.event.Transcript;
import dev.voicebot.common.event.TurnLatency;
import dev.voicebot.common.kafka.TurnStage;
import dev.voicebot.simulator.BargeIn;
import dev.voicebot.simulator.demo.DemoTranscript.BotTurn;
import dev.voicebot.simulator.demo.DemoTranscript.CallerLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** Renders a demo call for a person: the conversation in order, the latency of each turn, and the checks. */
public final class DemoPrinter {

    private static final int WIDTH = 100;
    private static final String INDENT = " ".repeat(18);

    private record Entry(long atMillis, int order, List<String> lines) {}

    private DemoPrinter() {}

    public static String render(DemoTranscript transcript, List<DemoChecks.Check> checks) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%nConversation (call %s; seconds since Exotel opened the socket)%n%n",
                transcript.callSid()));
        entries(transcript)
                .forEach(entry -> entry.lines().forEach(line -> out.append(line).append('\n')));
        latencies(out, transcript);
        out.append(String.format("%nChecks%n"));
        for (DemoChecks.Check check : checks) {
            out.append(check.passed() ? "  ok    " : "  FAIL  ")
                    .append(check.description())
                    .append('\n');
        }
        return out.toString();
    }

    private static List<Entry> entries(DemoTranscript transcript) {
        List<Entry> entries = new ArrayList<>();
        for (BotTurn turn : transcript.botTurns()) {
            List<String> lines = new ArrayList<>(wrap(turn.atMillis(), "bot", turn.text()));
            if (turn.cancelled()) {
                lines.add(INDENT + "(turn " + turn.turn() + " cancelled: what had not played yet never will)");
            }
            turn.latency().ifPresent(latency -> lines.add(INDENT + "pipeline: " + stages(latency)));
            entries.add(new Entry(turn.atMillis(), 1, lines));
        }
        for (CallerLine line : transcript.callerLines()) {
            long at = line.turn().speechStartMillis();
            List<String> lines =
                    new ArrayList<>(wrap(at, "caller", line.said() + (line.overBot() ? "   [over the bot]" : "")));
            lines.add(INDENT + "heard: " + heard(line.heard()));
            OptionalLong latency = line.turn().latencyMillis();
            lines.add(INDENT
                    + (latency.isPresent()
                            ? String.format(
                                    Locale.ROOT,
                                    "first bot audio %d ms after the caller stopped speaking",
                                    latency.getAsLong())
                            : "no bot audio followed"));
            entries.add(new Entry(at, 0, lines));
        }
        for (BargeIn bargeIn : transcript.bargeIns()) {
            entries.add(new Entry(
                    bargeIn.atMillis(), 2, wrap(bargeIn.atMillis(), "barge-in", bargeIn(transcript, bargeIn))));
        }
        transcript.close().ifPresent(close -> {
            String detail = "socket closed by " + close.closedBy().name().toLowerCase(Locale.ROOT) + " with code "
                    + close.statusCode()
                    + transcript.ended().map(e -> "; call.ended " + e.reason()).orElse("; no call.ended seen");
            entries.add(new Entry(close.atMillis(), 3, wrap(close.atMillis(), "end", detail)));
        });
        entries.sort(Comparator.comparingLong(Entry::atMillis).thenComparingInt(Entry::order));
        return entries;
    }

    /** The clear, timed from the moment the caller started talking over the bot, with the hops before it. */
    private static String bargeIn(DemoTranscript transcript, BargeIn bargeIn) {
        String dropped = bargeIn.droppedAudioMillis() + " ms of queued bot audio dropped on the socket";
        if (bargeIn.reactionMillis().isEmpty()) {
            return "clear before the caller had spoken; " + dropped;
        }
        long start = bargeIn.atMillis() - bargeIn.reactionMillis().getAsLong();
        StringBuilder detail = new StringBuilder("caller started talking; ");
        transcript.speechStartsMillis().stream()
                .filter(at -> at >= start && at <= bargeIn.atMillis())
                .findFirst()
                .ifPresent(at ->
                        detail.append("speech.started +").append(at - start).append(" ms, "));
        transcript.botTurns().stream()
                .filter(t -> t.cancelled()
                        && t.cancelledAtMillis().getAsLong() >= start
                        && t.cancelledAtMillis().getAsLong() <= bargeIn.atMillis())
                .findFirst()
                .ifPresent(t -> detail.append("turn ")
                        .append(t.turn())
                        .append(" cancelled +")
                        .append(t.cancelledAtMillis().getAsLong() - start)
                        .append(" ms, "));
        return detail.append("clear on the socket +")
                .append(bargeIn.reactionMillis().getAsLong())
                .append(" ms; ")
                .append(dropped)
                .toString();
    }

    private static void latencies(StringBuilder out, DemoTranscript transcript) {
        List<Long> values = new ArrayList<>();
        out.append(String.format("%nVoice-to-voice latency per turn (caller end of speech -> first bot audio on the"
                + " socket, as the caller hears it)%n"));
        for (CallerLine line : transcript.callerLines()) {
            OptionalLong latency = line.turn().latencyMillis();
            latency.ifPresent(values::add);
            out.append(String.format(
                    Locale.ROOT,
                    "  %-40s %s%n",
                    "'" + line.said() + "'",
                    latency.isPresent() ? latency.getAsLong() + " ms" : "-"));
        }
        if (!values.isEmpty()) {
            List<Long> sorted = values.stream().sorted().toList();
            out.append(String.format(
                    Locale.ROOT,
                    "  median %d ms, max %d ms over %d turns%n",
                    sorted.get((sorted.size() - 1) / 2),
                    sorted.getLast(),
                    sorted.size()));
        }
        if (transcript.botTurns().stream().noneMatch(t -> t.latency().isPresent())) {
            out.append("  (no voicebot.turn.latency records arrived, so there is no per-stage breakdown)\n");
        }
    }

    private static String stages(TurnLatency latency) {
        Map<String, Double> steps = latency.stepsMillis();
        String joined = steps.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s +%.0f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        Long first = latency.stagesMicros().get(TurnStage.SPEECH_ENDED.key());
        Long last = latency.stagesMicros().get(TurnStage.FIRST_AUDIO_ON_SOCKET.key());
        String total = first != null && last != null
                ? String.format(Locale.ROOT, " = %.0f ms end of speech to socket", (last - first) / 1000.0)
                : "";
        return (joined.isEmpty() ? String.join(", ", latency.stagesMicros().keySet()) : joined + " ms") + total;
    }

    private static String heard(List<Transcript> heard) {
        if (heard.isEmpty()) {
            return "(no final transcript)";
        }
        return heard.stream()
                .map(t -> t.text().isBlank()
                        ? "(not understood)"
                        : String.format(
                                Locale.ROOT,
                                "\"%s\"%s",
                                t.text(),
                                t.confidence() >= 0
                                        ? String.format(Locale.ROOT, " (confidence %.2f)", t.confidence())
                                        : ""))
                .collect(Collectors.joining(", "));
    }

    /** The first line carries the time and who; the text wraps under it. */
    private static List<String> wrap(long atMillis, String who, String text) {
        List<String> lines = new ArrayList<>();
        String head = String.format(Locale.ROOT, "%6.1f  %-8s  ", atMillis / 1000.0, who);
        StringBuilder line = new StringBuilder(head);
        for (String word : text.split(" ")) {
            if (line.length() + 1 + word.length() > WIDTH && line.length() > INDENT.length()) {
                lines.add(line.toString().stripTrailing());
                line = new StringBuilder(INDENT);
            }
            if (line.length() > INDENT.length() && line.charAt(line.length() - 1) != ' ') {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString().stripTrailing());
        return lines;
    }
}
