package dev.voicebot.e2e;

import dev.voicebot.common.event.BotSegment;
import dev.voicebot.simulator.demo.PipelineRecorder;
import dev.voicebot.simulator.demo.PipelineRecorder.Recorded;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What the bot said on one call, from the {@code bot.segment} records on Kafka, turn by turn. */
final class BotReplies {

    /**
     * One bot turn whose last segment is on Kafka.
     *
     * @param firstAtMillis when its first segment was written (epoch milliseconds)
     */
    record Reply(int turn, String text, long firstAtMillis) {}

    private final PipelineRecorder recorder;
    private final String callSid;

    BotReplies(PipelineRecorder recorder, String callSid) {
        this.recorder = recorder;
        this.callSid = callSid;
    }

    /** The highest bot turn recorded so far; 0 before the first. */
    int lastTurn() {
        return recorder.events(callSid, BotSegment.class).stream()
                .mapToInt(BotSegment::turn)
                .max()
                .orElse(0);
    }

    /** The first complete bot turn after {@code turn}, once there is one; empty text after the timeout. */
    Reply after(int turn, Duration timeout) throws InterruptedException {
        recorder.await(
                callSid,
                event -> event instanceof BotSegment segment && segment.turn() > turn && segment.last(),
                timeout);
        return completeAfter(turn).stream().findFirst().orElse(new Reply(-1, "", 0));
    }

    /**
     * Waits until a complete bot turn after {@code turn} says {@code text}; returns the complete turns after {@code
     * turn} up to that one (all of them when none says it within the timeout).
     */
    List<Reply> awaitSaying(int turn, String text, Duration timeout) throws InterruptedException {
        recorder.await(
                callSid,
                event -> event instanceof BotSegment segment
                        && segment.turn() > turn
                        && segment.last()
                        && completeAfter(turn).stream()
                                .anyMatch(reply -> reply.text().equals(text)),
                timeout);
        List<Reply> replies = completeAfter(turn);
        for (int i = 0; i < replies.size(); i++) {
            if (replies.get(i).text().equals(text)) {
                return replies.subList(0, i + 1);
            }
        }
        return replies;
    }

    private List<Reply> completeAfter(int turn) {
        Map<Integer, List<Recorded>> byTurn = new TreeMap<>();
        for (Recorded recorded : recorder.events(callSid)) {
            if (recorded.event() instanceof BotSegment segment && segment.turn() > turn) {
                byTurn.computeIfAbsent(segment.turn(), t -> new java.util.ArrayList<>())
                        .add(recorded);
            }
        }
        return byTurn.entrySet().stream()
                .filter(entry -> entry.getValue().stream().anyMatch(r -> ((BotSegment) r.event()).last()))
                .map(entry -> reply(entry.getKey(), entry.getValue()))
                .toList();
    }

    private static Reply reply(int turn, List<Recorded> records) {
        String text = records.stream()
                .map(r -> (BotSegment) r.event())
                .sorted(Comparator.comparingInt(BotSegment::sequence))
                .map(BotSegment::text)
                .collect(Collectors.joining(" "))
                .replaceAll("\\s+", " ")
                .strip();
        long first = records.stream().mapToLong(Recorded::timestampMillis).min().orElse(0);
        return new Reply(turn, text, first);
    }
}
