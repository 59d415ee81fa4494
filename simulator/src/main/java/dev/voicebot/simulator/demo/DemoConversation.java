package dev.voicebot.simulator.demo;

import dev.voicebot.simulator.CallerVoice;
import dev.voicebot.simulator.SimulatedCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plays the caller's side of a {@link DemoDialogue} on a live {@link SimulatedCall}: listens to the greeting, says
 * each line once the bot's reply has played (or, for the barge-in, while the reply is playing), and after the last
 * line waits for the bot to close the socket. What happened is read from the call afterwards; {@link #play} returns
 * the steps that did not go as planned.
 */
public final class DemoConversation {

    /**
     * How long to wait at each point.
     *
     * @param replyStart for a bot reply to start after the caller stopped speaking (the greeting: after the socket
     *     opened)
     * @param replyEnd for a started reply to finish playing
     * @param bargeInAfter how long the bot talks before the caller speaks over it
     * @param hangUp for the bot to close the socket after its goodbye
     */
    public record Timing(Duration replyStart, Duration replyEnd, Duration bargeInAfter, Duration hangUp) {

        /** Generous waits for a loaded machine running the embedded engines. */
        public static Timing defaults() {
            return new Timing(
                    Duration.ofSeconds(20), Duration.ofSeconds(45), Duration.ofMillis(1500), Duration.ofSeconds(20));
        }
    }

    /** Bot silence that ends a reply when no mark closes it (a turn cut short by a failure has none). */
    private static final Duration QUIET_WITHOUT_MARK = Duration.ofMillis(2500);

    private static final long POLL_MILLIS = 20;

    private final SimulatedCall call;
    private final DemoDialogue dialogue;
    private final Timing timing;
    private final Map<String, byte[]> voiced;
    private final List<String> problems = new ArrayList<>();

    private DemoConversation(SimulatedCall call, DemoDialogue dialogue, Timing timing, Map<String, byte[]> voiced) {
        this.call = call;
        this.dialogue = dialogue;
        this.timing = timing;
        this.voiced = voiced;
    }

    /**
     * The caller's lines of {@code dialogue} spoken by {@link CallerVoice} at {@code sampleRate}, keyed by line: made
     * once and shared by many calls, so that a load of calls does not pay for speech synthesis on each.
     */
    public static Map<String, byte[]> voice(DemoDialogue dialogue, int sampleRate) {
        Map<String, byte[]> voiced = new HashMap<>();
        dialogue.steps()
                .forEach(step -> voiced.computeIfAbsent(
                        step.line(), line -> CallerVoice.shared().synthesize(line, sampleRate)));
        return Map.copyOf(voiced);
    }

    /**
     * Plays the dialogue on {@code call}; returns what did not go as planned (no reply, no hang-up), empty when all
     * went as planned.
     */
    public static List<String> play(SimulatedCall call, DemoDialogue dialogue, Timing timing)
            throws InterruptedException {
        // synthesized while the greeting plays, so that each line starts exactly on its cue
        return play(call, dialogue, timing, voice(dialogue, call.sampleRate()));
    }

    /**
     * Plays the dialogue on {@code call} with caller audio made earlier by {@link #voice}; returns what did not go as
     * planned.
     */
    public static List<String> play(
            SimulatedCall call, DemoDialogue dialogue, Timing timing, Map<String, byte[]> voiced)
            throws InterruptedException {
        DemoConversation conversation = new DemoConversation(call, dialogue, timing, voiced);
        conversation.run();
        return List.copyOf(conversation.problems);
    }

    private void run() throws InterruptedException {
        List<DemoDialogue.Step> steps = dialogue.steps();
        listenToReply("the greeting", nextCue(0), 0);
        for (int i = 0; i < steps.size(); i++) {
            DemoDialogue.Step step = steps.get(i);
            if (!call.isOpen()) {
                problems.add("the call ended before the caller said '" + step.line() + "'");
                return;
            }
            int marksBefore = call.echoedMarks().size();
            try {
                call.speak(step.line(), voiced.get(step.line()));
            } catch (IllegalStateException e) {
                problems.add("the call ended before the caller said '" + step.line() + "'");
                return;
            }
            call.awaitCallerIdle(Duration.ofMinutes(1));
            listenToReply("'" + step.line() + "'", nextCue(i + 1), marksBefore);
        }
        if (call.awaitClose(timing.hangUp()).isEmpty()) {
            problems.add(String.format(
                    Locale.ROOT,
                    "the bot did not end the call within %d s of its goodbye",
                    timing.hangUp().toSeconds()));
        }
    }

    /** The cue of step {@code index}, or {@code AFTER_REPLY} after the last. */
    private DemoDialogue.Cue nextCue(int index) {
        List<DemoDialogue.Step> steps = dialogue.steps();
        return index < steps.size() ? steps.get(index).cue() : DemoDialogue.Cue.AFTER_REPLY;
    }

    /**
     * Waits for the bot's reply to start, then for the moment the caller speaks next.
     *
     * @param marksBefore marks echoed before the reply was asked for
     */
    private void listenToReply(String after, DemoDialogue.Cue next, int marksBefore) throws InterruptedException {
        if (!call.awaitBotAudio(timing.replyStart())) {
            if (call.isOpen()) {
                problems.add(String.format(
                        Locale.ROOT,
                        "no bot reply within %d s after %s",
                        timing.replyStart().toSeconds(),
                        after));
            }
            return;
        }
        if (next == DemoDialogue.Cue.OVER_BOT) {
            Thread.sleep(timing.bargeInAfter());
            return;
        }
        if (!awaitReplyPlayed(marksBefore)) {
            problems.add(String.format(
                    Locale.ROOT,
                    "the bot's reply to %s did not finish within %d s",
                    after,
                    timing.replyEnd().toSeconds()));
        }
    }

    /**
     * Waits until the reply has played: the gateway follows a turn's audio with a mark, echoed once it has played. A
     * reply without a mark ends after a stretch of silence.
     */
    private boolean awaitReplyPlayed(int marksBefore) throws InterruptedException {
        long deadline = System.nanoTime() + timing.replyEnd().toNanos();
        while (System.nanoTime() < deadline) {
            if (!call.isOpen() || call.echoedMarks().size() > marksBefore) {
                return true;
            }
            if (call.awaitBotSilence(QUIET_WITHOUT_MARK, Duration.ZERO)) {
                return true;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return false;
    }
}
