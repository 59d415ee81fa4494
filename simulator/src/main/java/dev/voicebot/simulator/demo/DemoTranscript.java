package dev.voicebot.simulator.demo;

import dev.voicebot.common.event.BotSegment;
import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.event.SpeechStarted;
import dev.voicebot.common.event.Transcript;
import dev.voicebot.common.event.TurnCancelled;
import dev.voicebot.common.event.TurnLatency;
import dev.voicebot.common.script.Utterances;
import dev.voicebot.simulator.BargeIn;
import dev.voicebot.simulator.CallerTurn;
import dev.voicebot.simulator.CloseInfo;
import dev.voicebot.simulator.SimulatedCall;
import dev.voicebot.simulator.TimelineEvent;
import dev.voicebot.simulator.demo.PipelineRecorder.Recorded;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Both sides of a demo call, put together from the simulator's view of the socket (what the caller said, when the
 * bot's audio came, {@code clear}s, the close) and the pipeline's events on Kafka (what the recognizer heard, what
 * the bot said, cancelled turns, latency records, the call's end). Times are milliseconds since the socket opened.
 *
 * @param callSid the call
 * @param botTurns the bot's turns in order
 * @param callerLines what the caller said, in order, with what was heard and how fast the bot answered
 * @param bargeIns every {@code clear} the socket received
 * @param speechStartsMillis when the STT worker published each {@code speech.started}
 * @param close how the socket ended, if it has
 * @param ended the pipeline's {@code call.ended}, if it arrived
 * @param greetingAudioMillis when the greeting's first audio arrived, if it did
 * @param finalReplyPlayed whether the bot answered the caller's last line with audio that played to its end mark
 *     before the socket closed
 */
public record DemoTranscript(
        String callSid,
        List<BotTurn> botTurns,
        List<CallerLine> callerLines,
        List<BargeIn> bargeIns,
        List<Long> speechStartsMillis,
        Optional<CloseInfo> close,
        Optional<CallEnded> ended,
        OptionalLong greetingAudioMillis,
        boolean finalReplyPlayed) {

    /**
     * One bot turn as the LLM worker produced it.
     *
     * @param turn the turn number
     * @param atMillis when its first segment was published
     * @param text its segments joined
     * @param cancelledAtMillis when a {@code bot.turn-cancelled} stopped it, if one did
     * @param latency its {@code turn.latency} record, if one was published
     */
    public record BotTurn(
            int turn, long atMillis, String text, OptionalLong cancelledAtMillis, Optional<TurnLatency> latency) {

        public boolean cancelled() {
            return cancelledAtMillis.isPresent();
        }
    }

    /**
     * One caller utterance.
     *
     * @param said the text the simulated caller spoke
     * @param turn the simulator's timing of it
     * @param heard the final transcripts the recognizer published for it
     * @param overBot whether bot audio was playing when the caller started
     */
    public record CallerLine(String said, CallerTurn turn, List<Transcript> heard, boolean overBot) {

        /** Whether a final transcript of this utterance is exactly the words spoken. */
        public boolean recognised() {
            String expected = Utterances.normalize(said);
            return heard.stream().anyMatch(t -> Utterances.normalize(t.text()).equals(expected));
        }
    }

    /** Slack between the simulator's speech edges and the recognizer's offsets when matching transcripts. */
    private static final long MATCH_SLACK_MILLIS = 300;

    public DemoTranscript {
        botTurns = List.copyOf(botTurns);
        callerLines = List.copyOf(callerLines);
        bargeIns = List.copyOf(bargeIns);
        speechStartsMillis = List.copyOf(speechStartsMillis);
    }

    /**
     * Puts a finished call together.
     *
     * @param events the pipeline's events of the call
     * @param originEpochMillis the epoch time at which the socket opened
     */
    public static DemoTranscript of(SimulatedCall call, List<Recorded> events, long originEpochMillis) {
        String callSid = call.identity().callSid();
        List<BotTurn> botTurns = botTurns(events, originEpochMillis);
        List<CallerTurn> turns = call.turns();
        List<Transcript> finals = events.stream()
                .map(Recorded::event)
                .filter(Transcript.class::isInstance)
                .map(Transcript.class::cast)
                .filter(Transcript::isFinal)
                .toList();
        List<TimelineEvent> timeline = call.timeline();
        List<CallerLine> lines = new ArrayList<>();
        for (CallerTurn turn : turns) {
            List<Transcript> heard = finals.stream()
                    .filter(t -> bestMatch(t, turns).map(turn::equals).orElse(false))
                    .toList();
            lines.add(new CallerLine(turn.label(), turn, heard, botAudible(timeline, turn.speechStartMillis())));
        }
        Optional<CallEnded> ended = events.stream()
                .map(Recorded::event)
                .filter(CallEnded.class::isInstance)
                .map(CallEnded.class::cast)
                .findFirst();
        OptionalLong greeting = timeline.stream()
                .filter(e -> e.kind() == TimelineEvent.Kind.BOT_AUDIO_START)
                .mapToLong(TimelineEvent::atMillis)
                .findFirst();
        return new DemoTranscript(
                callSid,
                botTurns,
                lines,
                call.bargeIns(),
                events.stream()
                        .filter(r -> r.event() instanceof SpeechStarted)
                        .map(r -> r.timestampMillis() - originEpochMillis)
                        .toList(),
                call.stats().close(),
                ended,
                greeting,
                finalReplyPlayed(timeline));
    }

    /** The first bot turn published after {@code atMillis} (socket time). */
    public Optional<BotTurn> botTurnAfter(long atMillis) {
        return botTurns.stream().filter(t -> t.atMillis() > atMillis).findFirst();
    }

    private static List<BotTurn> botTurns(List<Recorded> events, long originEpochMillis) {
        Map<Integer, List<Recorded>> segments = new TreeMap<>();
        Map<Integer, TurnLatency> latencies = new TreeMap<>();
        Map<Integer, Long> cancelled = new TreeMap<>();
        for (Recorded recorded : events) {
            switch (recorded.event()) {
                case BotSegment segment ->
                    segments.computeIfAbsent(segment.turn(), t -> new ArrayList<>())
                            .add(recorded);
                case TurnCancelled cancel ->
                    cancelled.putIfAbsent(cancel.turn(), recorded.timestampMillis() - originEpochMillis);
                case TurnLatency latency -> latencies.put(latency.turn(), latency);
                default -> {}
            }
        }
        List<BotTurn> turns = new ArrayList<>();
        segments.forEach((turn, records) -> {
            List<BotSegment> ordered = records.stream()
                    .map(r -> (BotSegment) r.event())
                    .sorted(Comparator.comparingInt(BotSegment::sequence))
                    .toList();
            String text = String.join(
                            " ", ordered.stream().map(s -> s.text().strip()).toList())
                    .replaceAll("\\s+", " ")
                    .strip();
            long first =
                    records.stream().mapToLong(Recorded::timestampMillis).min().orElse(originEpochMillis);
            turns.add(new BotTurn(
                    turn,
                    first - originEpochMillis,
                    text,
                    cancelled.containsKey(turn) ? OptionalLong.of(cancelled.get(turn)) : OptionalLong.empty(),
                    Optional.ofNullable(latencies.get(turn))));
        });
        turns.sort(Comparator.comparingLong(BotTurn::atMillis));
        return turns;
    }

    /** The caller turn a transcript overlaps most, by the call-audio offsets both sides count from the start. */
    private static Optional<CallerTurn> bestMatch(Transcript transcript, List<CallerTurn> turns) {
        CallerTurn best = null;
        long bestOverlap = 0;
        for (CallerTurn turn : turns) {
            long end = turn.speechEndMillis().orElse(Long.MAX_VALUE);
            long overlap = Math.min(end, transcript.endMs() + MATCH_SLACK_MILLIS)
                    - Math.max(turn.speechStartMillis(), transcript.startMs() - MATCH_SLACK_MILLIS);
            if (overlap > bestOverlap) {
                bestOverlap = overlap;
                best = turn;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Whether, after the caller last stopped speaking, bot audio started and played to its end mark before the socket
     * closed: the answer to the caller's last line was heard in full.
     */
    private static boolean finalReplyPlayed(List<TimelineEvent> timeline) {
        long lastSpeechEnd = timeline.stream()
                .filter(e -> e.kind() == TimelineEvent.Kind.CALLER_SPEECH_END)
                .mapToLong(TimelineEvent::atMillis)
                .max()
                .orElse(-1);
        boolean started = false;
        boolean played = false;
        for (TimelineEvent event : timeline) {
            if (event.atMillis() < lastSpeechEnd) {
                continue;
            }
            switch (event.kind()) {
                case BOT_AUDIO_START -> {
                    started = true;
                    played = false;
                }
                case BOT_TURN_END -> played = started && event.detail().startsWith("mark ");
                case SOCKET_CLOSED -> {
                    return played;
                }
                default -> {}
            }
        }
        return false;
    }

    /** Whether a bot turn's audio had started and not ended by {@code atMillis}. */
    private static boolean botAudible(List<TimelineEvent> timeline, long atMillis) {
        boolean playing = false;
        for (TimelineEvent event : timeline) {
            if (event.atMillis() > atMillis) {
                break;
            }
            switch (event.kind()) {
                case BOT_AUDIO_START -> playing = true;
                case BOT_TURN_END, CLEAR_RECEIVED -> playing = false;
                default -> {}
            }
        }
        return playing;
    }
}
