package dev.voicebot.e2e;

import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.event.TurnCancelled;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.simulator.BargeIn;
import dev.voicebot.simulator.CallReport;
import dev.voicebot.simulator.CloseInfo;
import dev.voicebot.simulator.SimulatedCall;
import dev.voicebot.simulator.TimelineEvent;
import dev.voicebot.simulator.demo.DemoChecks;
import dev.voicebot.simulator.demo.DemoConversation;
import dev.voicebot.simulator.demo.DemoDialogue;
import dev.voicebot.simulator.demo.DemoPrinter;
import dev.voicebot.simulator.demo.DemoTranscript;
import dev.voicebot.simulator.demo.DemoTranscript.BotTurn;
import dev.voicebot.simulator.demo.DemoTranscript.CallerLine;
import dev.voicebot.simulator.demo.PipelineRecorder;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The demo conversation ({@link DemoDialogue}) on an inbound call through the gateway, STT, LLM and TTS workers
 * running as separate JVMs on their embedded engines: the greeting, each caller line recognised and answered with
 * the script's line, a barge-in over the bot's confirmation, and the bot hanging up after its goodbye.
 */
@ExtendWith(PipelineExtension.class)
@Isolated("the barge-in is timed against the bot's audio; other calls would load the machine")
class InboundDemoCallE2ETest {

    private static final List<String> TOPICS =
            List.of(Topics.CALL_EVENTS, Topics.SPEECH, Topics.BOT_SEGMENTS, Topics.TURN_LATENCY);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration TRAILING_EVENTS = Duration.ofSeconds(10);

    @Test
    void theDemoConversationRunsThroughEveryService(E2ePipeline pipeline) throws Exception {
        DemoDialogue dialogue = DemoDialogue.demo();
        try (PipelineRecorder recorder = PipelineRecorder.start(pipeline.bootstrapServers(), TOPICS, KAFKA_TIMEOUT)) {
            SimulatedCall call = SimulatedCall.builder(pipeline.gatewayUrl()).connect();
            long originEpochMillis = System.currentTimeMillis() - call.elapsedMillis();
            ZonedDateTime startedAt = ZonedDateTime.now();
            String callSid = call.identity().callSid();
            List<String> problems;
            try (call) {
                problems = DemoConversation.play(call, dialogue, DemoConversation.Timing.defaults());
            }
            recorder.await(callSid, CallEnded.class::isInstance, TRAILING_EVENTS);
            List<PipelineRecorder.Recorded> events = recorder.events(callSid);
            DemoTranscript transcript = DemoTranscript.of(call, events, originEpochMillis);
            List<String> expected = dialogue.expectedBotLines(
                    call.identity().from(), call.identity().to(), startedAt);
            System.out.println(CallReport.render(call)
                    + DemoPrinter.render(transcript, DemoChecks.of(transcript, dialogue, expected)));

            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(problems).as("how the conversation went").isEmpty();
            softly.assertThat(call.stats().hasProtocolErrors())
                    .as("Exotel protocol errors: %s", call.stats().problems())
                    .isFalse();
            assertTranscript(softly, transcript, dialogue, expected);
            assertBargeIn(softly, call, transcript, dialogue, events);
            assertHangUp(softly, transcript, events);
            softly.assertAll();
        }
    }

    /** Every caller line heard as said; the bot said the greeting, then the script's answer to each line. */
    private static void assertTranscript(
            SoftAssertions softly, DemoTranscript transcript, DemoDialogue dialogue, List<String> expected) {
        List<DemoDialogue.Step> steps = dialogue.steps();
        softly.assertThat(transcript.callerLines())
                .extracting(CallerLine::said)
                .containsExactlyElementsOf(
                        steps.stream().map(DemoDialogue.Step::line).toList());
        for (CallerLine line : transcript.callerLines()) {
            softly.assertThat(line.heard())
                    .as("final transcripts of '%s'", line.said())
                    .extracting(t -> t.text())
                    .containsExactly(line.said());
        }
        softly.assertThat(transcript.botTurns()).as("bot turns").hasSize(steps.size() + 1);
        BotTurn greeting = transcript.botTurns().getFirst();
        softly.assertThat(greeting.text()).as("the greeting").isEqualTo(expected.getFirst());
        softly.assertThat(transcript.greetingAudioMillis())
                .as("greeting audio on the socket")
                .isPresent();
        int interrupted = dialogue.bargeInStep() - 1;
        for (int i = 0; i < steps.size(); i++) {
            CallerLine line = transcript.callerLines().get(i);
            BotTurn reply = transcript
                    .botTurnAfter(line.turn().speechEndMillis().orElseThrow())
                    .orElseThrow(() -> new AssertionError("no bot turn after '" + line.said() + "'"));
            softly.assertThat(line.turn().firstBotAudioMillis())
                    .as("bot audio on the socket answering '%s' (\"%s\")", line.said(), reply.text())
                    .isPresent();
            if (i == interrupted) {
                softly.assertThat(reply.cancelled())
                        .as("the reply to '%s' was cut off", line.said())
                        .isTrue();
                softly.assertThat(reply.text()).as("what the bot began to say").isNotEmpty();
                softly.assertThat(expected.get(i + 1))
                        .as("the interrupted reply is the start of the script's line")
                        .startsWith(reply.text());
            } else {
                softly.assertThat(reply.text())
                        .as("the reply to '%s'", line.said())
                        .isEqualTo(expected.get(i + 1));
                softly.assertThat(reply.cancelled())
                        .as("the reply to '%s' cancelled", line.said())
                        .isFalse();
            }
        }
    }

    /**
     * The caller spoke over the bot: a {@code clear} reached the socket while the caller was still talking, the
     * LLM worker cancelled the turn, and no audio of that turn reached the socket after the {@code clear}.
     */
    private static void assertBargeIn(
            SoftAssertions softly,
            SimulatedCall call,
            DemoTranscript transcript,
            DemoDialogue dialogue,
            List<PipelineRecorder.Recorded> events) {
        CallerLine over = transcript.callerLines().get(dialogue.bargeInStep());
        CallerLine before = transcript.callerLines().get(dialogue.bargeInStep() - 1);
        long start = over.turn().speechStartMillis();
        long end = over.turn().speechEndMillis().orElseThrow();
        softly.assertThat(over.overBot())
                .as("the bot was talking when the caller started")
                .isTrue();

        softly.assertThat(transcript.bargeIns()).as("clears on the socket").hasSize(1);
        BargeIn clear = transcript.bargeIns().getFirst();
        softly.assertThat(clear.atMillis())
                .as("the clear arrives after the caller started (%d ms) and before they finished (%d ms)", start, end)
                .isBetween(start, end);
        softly.assertThat(clear.droppedAudioMillis())
                .as("unplayed bot audio dropped by the clear")
                .isPositive();

        BotTurn cut = transcript
                .botTurnAfter(before.turn().speechEndMillis().orElseThrow())
                .orElseThrow();
        softly.assertThat(events)
                .as("TurnCancelled of turn %d on %s", cut.turn(), Topics.BOT_SEGMENTS)
                .anyMatch(r -> r.topic().equals(Topics.BOT_SEGMENTS)
                        && r.event() instanceof TurnCancelled cancelled
                        && cancelled.turn() == cut.turn());
        List<TimelineEvent> timeline = call.timeline();
        softly.assertThat(timeline)
                .as("the interrupted turn's end mark never reaches the socket")
                .noneMatch(e -> e.kind() == TimelineEvent.Kind.MARK_RECEIVED
                        && e.detail().equals("turn-" + cut.turn()));
        long nextAudio = timeline.stream()
                .filter(e -> e.kind() == TimelineEvent.Kind.BOT_AUDIO_START && e.atMillis() > clear.atMillis())
                .mapToLong(TimelineEvent::atMillis)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no bot audio after the barge-in"));
        softly.assertThat(nextAudio)
                .as("after the clear, the next bot audio answers the caller (who stopped at %d ms)", end)
                .isGreaterThan(end);
    }

    /** The bot said goodbye, its audio played to the end, then it closed the socket: call.ended BOT_ENDED. */
    private static void assertHangUp(
            SoftAssertions softly, DemoTranscript transcript, List<PipelineRecorder.Recorded> events) {
        CloseInfo close = transcript.close().orElseThrow(() -> new AssertionError("the socket is still open"));
        softly.assertThat(close.closedBy())
                .as("who closed the socket (%s)", close)
                .isEqualTo(CloseInfo.ClosedBy.BOT);
        softly.assertThat(close.statusCode()).as("close code").isEqualTo(1000);
        softly.assertThat(transcript.finalReplyPlayed())
                .as("the goodbye reached the socket and played to its mark before the close")
                .isTrue();
        softly.assertThat(events)
                .as("call.ended BOT_ENDED on %s", Topics.CALL_EVENTS)
                .anyMatch(r -> r.topic().equals(Topics.CALL_EVENTS)
                        && r.event() instanceof CallEnded ended
                        && ended.reason() == CallEnded.Reason.BOT_ENDED);
    }
}
