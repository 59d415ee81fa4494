package dev.voicebot.simulator.demo;

import dev.voicebot.common.event.CallEnded;
import dev.voicebot.simulator.BargeIn;
import dev.voicebot.simulator.CloseInfo;
import dev.voicebot.simulator.demo.DemoTranscript.BotTurn;
import dev.voicebot.simulator.demo.DemoTranscript.CallerLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a newcomer should see in the demo call, checked: the greeting, each caller line recognised and answered with
 * the script's line, the barge-in, the goodbye and the bot's hang-up.
 */
public final class DemoChecks {

    /** One check and its outcome, described for the printed summary. */
    public record Check(boolean passed, String description) {}

    private DemoChecks() {}

    /**
     * @param expectedBotLines {@link DemoDialogue#expectedBotLines}: the greeting, then the answer to each step
     */
    public static List<Check> of(DemoTranscript transcript, DemoDialogue dialogue, List<String> expectedBotLines) {
        List<Check> checks = new ArrayList<>();
        checks.add(greeting(transcript, expectedBotLines.getFirst()));
        List<DemoDialogue.Step> steps = dialogue.steps();
        int bargeIn = dialogue.bargeInStep();
        for (int i = 0; i < steps.size(); i++) {
            String said = steps.get(i).line();
            Optional<CallerLine> line = lineSaying(transcript, said);
            if (line.isEmpty()) {
                checks.add(new Check(false, "the caller never got to say '" + said + "'"));
                continue;
            }
            checks.add(recognised(line.get()));
            if (i == bargeIn) {
                checks.add(bargeIn(transcript, line.get()));
            }
            boolean interrupted = i + 1 == bargeIn;
            checks.add(answer(transcript, line.get(), expectedBotLines.get(i + 1), interrupted));
        }
        checks.add(hangUp(transcript));
        return List.copyOf(checks);
    }

    /** Whether every check passed. */
    public static boolean allPassed(List<Check> checks) {
        return checks.stream().allMatch(Check::passed);
    }

    private static Check greeting(DemoTranscript transcript, String expected) {
        Optional<BotTurn> first = transcript.botTurns().stream().findFirst();
        boolean heardFirst = transcript.greetingAudioMillis().isPresent()
                && transcript.callerLines().stream()
                        .allMatch(l -> l.turn().speechStartMillis()
                                > transcript.greetingAudioMillis().getAsLong());
        boolean said = first.map(t -> t.text().equals(expected)).orElse(false);
        String timing = transcript.greetingAudioMillis().isPresent()
                ? String.format(
                        Locale.ROOT,
                        "first audio %.1f s after the socket opened",
                        transcript.greetingAudioMillis().getAsLong() / 1000.0)
                : "no audio";
        return new Check(
                heardFirst && said,
                said
                        ? "the bot greeted the caller (" + timing + ")"
                        : "the greeting: expected \"" + expected + "\", the bot said "
                                + first.map(t -> "\"" + t.text() + "\"").orElse("nothing"));
    }

    private static Check recognised(CallerLine line) {
        String heard = line.heard().isEmpty()
                ? "nothing"
                : line.heard().stream()
                        .map(t -> t.text().isBlank() ? "(not understood)" : "\"" + t.text() + "\"")
                        .collect(Collectors.joining(", "));
        return new Check(
                line.recognised(),
                line.recognised() ? "'" + line.said() + "' recognised" : "'" + line.said() + "' was heard as " + heard);
    }

    private static Check answer(DemoTranscript transcript, CallerLine line, String expected, boolean interrupted) {
        long end = line.turn().speechEndMillis().orElse(Long.MAX_VALUE);
        Optional<BotTurn> reply = transcript.botTurnAfter(end);
        if (reply.isEmpty()) {
            return new Check(false, "no bot reply to '" + line.said() + "'");
        }
        BotTurn turn = reply.get();
        if (line.turn().firstBotAudioMillis().isEmpty()) {
            return new Check(
                    false,
                    "the bot's answer to '" + line.said() + "' (\"" + turn.text()
                            + "\") never reached the caller's ear:" + " no bot audio followed");
        }
        if (interrupted) {
            boolean ok = turn.cancelled() && !turn.text().isEmpty() && expected.startsWith(turn.text());
            return new Check(
                    ok,
                    ok
                            ? "the bot began its answer and was cut off (turn " + turn.turn() + " cancelled)"
                            : "the answer to '" + line.said() + "' should start \"" + expected
                                    + "\" and be cancelled; it was \"" + turn.text() + "\""
                                    + (turn.cancelled() ? " (cancelled)" : " (not cancelled)"));
        }
        boolean ok = turn.text().equals(expected) && !turn.cancelled();
        return new Check(
                ok,
                ok
                        ? "the bot answered with the script's line: \"" + abbreviate(expected) + "\""
                        : "the answer to '" + line.said() + "' should be \"" + expected + "\"; it was \"" + turn.text()
                                + "\"" + (turn.cancelled() ? " (cancelled)" : ""));
    }

    private static Check bargeIn(DemoTranscript transcript, CallerLine line) {
        long start = line.turn().speechStartMillis();
        Optional<BargeIn> clear = transcript.bargeIns().stream()
                .filter(b -> b.atMillis() >= start)
                .findFirst();
        if (!line.overBot()) {
            return new Check(false, "barge-in: the bot was not talking when the caller spoke over it");
        }
        if (clear.isEmpty()) {
            return new Check(false, "barge-in: no clear reached the socket after the caller talked over the bot");
        }
        return new Check(
                true,
                String.format(
                        Locale.ROOT,
                        "barge-in: clear %d ms after the caller started talking over the bot; %d ms of bot audio dropped",
                        clear.get().atMillis() - start,
                        clear.get().droppedAudioMillis()));
    }

    private static Check hangUp(DemoTranscript transcript) {
        Optional<CloseInfo> close = transcript.close();
        boolean byBot = close.map(c -> c.closedBy() == CloseInfo.ClosedBy.BOT).orElse(false);
        boolean botEnded = transcript
                .ended()
                .map(e -> e.reason() == CallEnded.Reason.BOT_ENDED)
                .orElse(false);
        String how = close.map(c ->
                        "closed by " + c.closedBy().name().toLowerCase(Locale.ROOT) + " with code " + c.statusCode())
                .orElse("still open");
        String event = transcript.ended().map(e -> "call.ended " + e.reason()).orElse("no call.ended");
        String played = transcript.finalReplyPlayed() ? "after the goodbye played" : "before the goodbye had played";
        return new Check(
                byBot && botEnded && transcript.finalReplyPlayed(),
                "hang-up: the socket was " + how + " " + played + "; " + event);
    }

    private static Optional<CallerLine> lineSaying(DemoTranscript transcript, String said) {
        return transcript.callerLines().stream()
                .filter(l -> l.said().equals(said))
                .findFirst();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
