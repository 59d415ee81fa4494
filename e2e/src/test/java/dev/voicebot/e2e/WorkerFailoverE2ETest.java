package dev.voicebot.e2e;

import dev.voicebot.common.kafka.Topics;
import dev.voicebot.e2e.WorkerGroups.Kind;
import dev.voicebot.simulator.SimulatedCall;
import dev.voicebot.simulator.demo.DemoDialogue;
import dev.voicebot.simulator.demo.PipelineRecorder;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Workers fail and stop in the middle of calls, and the calls go on. Two more instances of each worker join the
 * pipeline's groups; then, on one demo call per way of stopping, the instance holding the call is stopped before each
 * of three caller lines: the STT worker's before the caller names the day, the LLM worker's before the caller confirms,
 * the TTS worker's before the caller asks for the opening hours. Each line must still be answered with the script's
 * reply (the confirmation names the day said before the LLM worker went: the conversation survived), soon after the
 * caller stops speaking.
 *
 * <p>{@code kill -9} leaves the dead worker's partitions with it until the group coordinator misses its heartbeats
 * for the session timeout (service-kit: 6 s); SIGTERM makes the worker leave its group at once.
 */
@ExtendWith(PipelineExtension.class)
@Isolated("stops workers of the shared pipeline")
class WorkerFailoverE2ETest {

    /** Before the caller's line at this index (of {@link DemoDialogue#steps()}), the holder of this kind stops. */
    private static final Map<Integer, Kind> STOP_BEFORE_STEP = stops();

    private static final List<Kind> KINDS = List.of(Kind.values());
    private static final Duration SETTLE_WITHIN = Duration.ofSeconds(60);
    /** After kill -9: the 6 s session timeout, the rebalance and the new holder catching up, on a loaded machine. */
    private static final Duration AFTER_KILL_WITHIN = Duration.ofSeconds(20);
    /** After SIGTERM the worker leaves its group at once: no waiting for a session timeout. */
    private static final Duration AFTER_STOP_WITHIN = Duration.ofSeconds(6);

    private static WorkerGroups groups;

    private enum Stop {
        KILL,
        TERM
    }

    private static Map<Integer, Kind> stops() {
        Map<Integer, Kind> stops = new LinkedHashMap<>();
        stops.put(1, Kind.STT);
        stops.put(2, Kind.LLM);
        stops.put(3, Kind.TTS);
        return stops;
    }

    @BeforeAll
    static void twoMoreInstancesOfEachWorker(E2ePipeline pipeline) throws Exception {
        groups = new WorkerGroups(pipeline.bootstrapServers());
        Map<String, String> instances = new LinkedHashMap<>();
        for (Kind kind : KINDS) {
            instances.put(kind.service + "-b", kind.service);
            instances.put(kind.service + "-c", kind.service);
        }
        pipeline.startInstances(instances, Map.of());
        groups.awaitInstances(KINDS, 3, SETTLE_WITHIN);
    }

    @AfterAll
    static void closeGroups() {
        if (groups != null) {
            groups.close();
        }
    }

    @Test
    void aKilledWorkersCallsGoOnWithTheirConversation(E2ePipeline pipeline) throws Exception {
        playWithStops(pipeline, Stop.KILL, AFTER_KILL_WITHIN);
    }

    @Test
    void aStoppedWorkersCallsGoOnWithoutAGap(E2ePipeline pipeline) throws Exception {
        playWithStops(pipeline, Stop.TERM, AFTER_STOP_WITHIN);
    }

    private static void playWithStops(E2ePipeline pipeline, Stop stop, Duration replyWithin) throws Exception {
        DemoDialogue dialogue = DemoDialogue.demo();
        SoftAssertions softly = new SoftAssertions();
        StringBuilder report = new StringBuilder();
        try (PipelineRecorder recorder =
                PipelineRecorder.start(pipeline.bootstrapServers(), List.of(Topics.BOT_SEGMENTS), CallWaits.KAFKA)) {
            SimulatedCall call = SimulatedCall.builder(pipeline.gatewayUrl()).connect();
            String callSid = call.identity().callSid();
            BotReplies replies = new BotReplies(recorder, callSid);
            List<String> expected = dialogue.expectedBotLines(
                    call.identity().from(), call.identity().to(), ZonedDateTime.now());
            try (call) {
                softly.assertThat(CallWaits.reply(call)).as("the greeting").isTrue();
                List<DemoDialogue.Step> steps = dialogue.steps();
                for (int i = 0; i < steps.size(); i++) {
                    String line = steps.get(i).line();
                    Kind stopped = STOP_BEFORE_STEP.get(i);
                    if (stopped != null) {
                        stopHolder(pipeline, stopped, callSid, stop, report);
                    }
                    int turnsBefore = replies.lastTurn();
                    call.speak(line);
                    call.awaitCallerIdle(Duration.ofMinutes(1));
                    long stoppedSpeaking = System.currentTimeMillis();
                    boolean heard = call.awaitBotAudio(CallWaits.REPLY_START);
                    long heardAfter = System.currentTimeMillis() - stoppedSpeaking;
                    String answer = expected.get(i + 1);
                    List<BotReplies.Reply> said = replies.awaitSaying(turnsBefore, answer, CallWaits.REPLY_START);
                    BotReplies.Reply last = said.isEmpty() ? null : said.getLast();
                    boolean answered = last != null && last.text().equals(answer);
                    List<String> before = said.stream()
                            .limit(answered ? said.size() - 1 : said.size())
                            .map(BotReplies.Reply::text)
                            .toList();
                    report.append(String.format(
                            Locale.ROOT,
                            "  '%s'%s: bot audio after %.1f s, the answer written after %s: %s%s%n",
                            line,
                            stopped == null ? "" : " (after the " + stopped + " holder's " + stop + ")",
                            heardAfter / 1000.0,
                            answered
                                    ? String.format(
                                            Locale.ROOT, "%.1f s", (last.firstAtMillis() - stoppedSpeaking) / 1000.0)
                                    : "-",
                            answered ? answer : "(no such answer)",
                            before.isEmpty() ? "" : "; before it: " + before));
                    softly.assertThat(heard).as("bot audio after '%s'", line).isTrue();
                    softly.assertThat(answered)
                            .as("the answer to '%s': '%s'; the bot said %s", line, answer, said)
                            .isTrue();
                    // A killed STT worker holds the caller's words back for the session timeout, so the LLM worker's
                    // idle timer (8 s) may re-ask its question first; nothing else may come before the answer.
                    List<String> allowedBefore = stop == Stop.KILL ? List.of(expected.get(i)) : List.of();
                    softly.assertThat(before)
                            .as("what the bot said before answering '%s'", line)
                            .isSubsetOf(allowedBefore);
                    if (stopped != null && answered) {
                        softly.assertThat(Duration.ofMillis(last.firstAtMillis() - stoppedSpeaking))
                                .as("the answer to '%s' written after the %s holder's %s", line, stopped, stop)
                                .isLessThan(replyWithin);
                        softly.assertThat(Duration.ofMillis(heardAfter))
                                .as("bot audio after '%s' after the %s holder's %s", line, stopped, stop)
                                .isLessThan(replyWithin);
                    }
                    if (!steps.get(i).botEnds()) {
                        call.awaitBotSilence(CallWaits.QUIET, CallWaits.REPLY_END);
                    }
                }
                softly.assertThat(call.awaitClose(CallWaits.REPLY_END))
                        .as("the bot hangs up after its goodbye")
                        .isPresent();
            }
        } finally {
            System.out.printf("e2e: %s of each worker holding the call:%n%s", stop, report);
        }
        softly.assertAll();
    }

    private static void stopHolder(E2ePipeline pipeline, Kind kind, String callSid, Stop stop, StringBuilder report)
            throws Exception {
        String holder = groups.awaitHolder(kind, callSid, SETTLE_WITHIN);
        ServiceProcess process = pipeline.processOf(holder)
                .orElseThrow(() -> new IllegalStateException(holder + " is not an instance of the pipeline"));
        report.append("  ").append(stop).append(' ').append(process.name()).append(" (pid ");
        report.append(process.pid()).append(")\n");
        if (stop == Stop.KILL) {
            process.kill();
        } else {
            process.requestStop();
        }
        if (!process.awaitExit(Duration.ofSeconds(30))) {
            throw new IllegalStateException(process.name() + " did not exit after " + stop);
        }
    }
}
