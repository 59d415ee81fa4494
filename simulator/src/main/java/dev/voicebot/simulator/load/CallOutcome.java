package dev.voicebot.simulator.load;

import dev.voicebot.simulator.BargeIn;
import dev.voicebot.simulator.CallStats;
import dev.voicebot.simulator.CallerTurn;
import dev.voicebot.simulator.CloseInfo;
import dev.voicebot.simulator.SimulatedCall;
import dev.voicebot.simulator.TimelineEvent;
import dev.voicebot.simulator.TimelineEvent.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one call of a load run went, with its times moved onto the run's clock (milliseconds since the run started).
 *
 * @param openedAtMillis when its socket opened
 * @param errors what went wrong: refused, no reply in time, protocol errors, not ended by the bot after its goodbye;
 *     empty for a good call
 * @param stuck the bot neither ended the call nor answered the caller's hang-up: the socket had to be aborted
 * @param voiceToVoice caller end of speech → first bot audio on the socket, one per caller line answered
 * @param greeting {@code start} → the greeting's first audio on the socket
 * @param bargeInReactions caller speech onset → {@code clear}
 * @param audioGapsAtMillis when the bot's audio ran dry mid-turn (underruns longer than 20 ms)
 */
public record CallOutcome(
        long openedAtMillis,
        List<String> errors,
        boolean stuck,
        List<Sample> voiceToVoice,
        Optional<Sample> greeting,
        List<Sample> bargeInReactions,
        List<Long> audioGapsAtMillis) {

    /**
     * One measurement.
     *
     * @param atMillis when it was taken, on the run's clock
     * @param millis the measured time
     */
    public record Sample(long atMillis, long millis) {}

    public CallOutcome {
        errors = List.copyOf(errors);
        voiceToVoice = List.copyOf(voiceToVoice);
        bargeInReactions = List.copyOf(bargeInReactions);
        audioGapsAtMillis = List.copyOf(audioGapsAtMillis);
    }

    static CallOutcome refused(long atMillis, String why) {
        return new CallOutcome(
                atMillis, List.of("refused: " + why), false, List.of(), Optional.empty(), List.of(), List.of());
    }

    /**
     * Reads a finished conversation.
     *
     * @param openedAtMillis when the call's socket opened, on the run's clock
     * @param problems what the conversation reported
     * @param stuck whether the bot ignored the caller's hang-up
     */
    static CallOutcome of(SimulatedCall call, long openedAtMillis, List<String> problems, boolean stuck) {
        List<String> errors = new ArrayList<>(problems);
        CallStats stats = call.stats();
        if (stats.hasProtocolErrors()) {
            errors.add("protocol errors: " + stats.problems());
        }
        List<TimelineEvent> timeline = call.timeline();
        Optional<CloseInfo> close = stats.close();
        if (stuck) {
            errors.add("the bot did not answer the caller's hang-up: the socket stayed open");
        } else if (!problems.isEmpty()) {
            // the conversation's own problems say why it did not end as planned
        } else if (close.isPresent() && close.get().closedBy() != CloseInfo.ClosedBy.BOT) {
            errors.add("the call did not end by the bot: " + close.get());
        } else if (!goodbyePlayed(call.turns(), timeline)) {
            errors.add("the bot hung up before its goodbye played");
        }
        List<Sample> voiceToVoice = new ArrayList<>();
        for (CallerTurn turn : call.turns()) {
            turn.latencyMillis()
                    .ifPresent(millis -> voiceToVoice.add(
                            new Sample(openedAtMillis + turn.speechEndMillis().getAsLong(), millis)));
        }
        Optional<Sample> greeting = timeline.stream()
                .filter(event -> event.kind() == Kind.BOT_AUDIO_START)
                .findFirst()
                .map(event -> new Sample(openedAtMillis + event.atMillis(), event.atMillis()));
        List<Sample> bargeIns = new ArrayList<>();
        for (BargeIn bargeIn : call.bargeIns()) {
            bargeIn.reactionMillis()
                    .ifPresent(millis -> bargeIns.add(new Sample(openedAtMillis + bargeIn.atMillis(), millis)));
        }
        List<Long> gaps = timeline.stream()
                .filter(event -> event.kind() == Kind.UNDERRUN)
                .map(event -> openedAtMillis + event.atMillis())
                .toList();
        return new CallOutcome(openedAtMillis, errors, stuck, voiceToVoice, greeting, bargeIns, gaps);
    }

    public boolean failed() {
        return !errors.isEmpty();
    }

    /** The bot answered the caller's last line and that audio played to its mark before the socket closed. */
    private static boolean goodbyePlayed(List<CallerTurn> turns, List<TimelineEvent> timeline) {
        if (turns.isEmpty() || turns.getLast().firstBotAudioMillis().isEmpty()) {
            return false;
        }
        long replyStarted = turns.getLast().firstBotAudioMillis().getAsLong();
        return timeline.stream()
                .anyMatch(event -> event.kind() == Kind.MARK_ECHOED
                        && event.atMillis() >= replyStarted
                        && !event.detail().endsWith("(after clear)"));
    }
}
