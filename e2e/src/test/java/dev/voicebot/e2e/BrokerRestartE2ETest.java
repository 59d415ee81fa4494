package dev.voicebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.kafka.Topics;
import dev.voicebot.simulator.SimulatedCall;
import dev.voicebot.simulator.demo.DemoDialogue;
import dev.voicebot.simulator.demo.PipelineRecorder;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The Kafka broker restarts in the middle of a call. No service is restarted: they reconnect by themselves, the call's
 * socket stays open, and the caller's next line is answered with the script's reply, which needs the conversation
 * from before the restart (the day prompt of a booking).
 */
@ExtendWith(PipelineExtension.class)
@Isolated("stops the broker every service uses")
class BrokerRestartE2ETest {

    /** After the restart the services reconnect, groups re-form and the backlog of caller audio is read. */
    private static final Duration REPLY_AFTER_RESTART = Duration.ofSeconds(90);

    @Test
    void aCallGoesOnAcrossABrokerRestart(E2ePipeline pipeline) throws Exception {
        DemoDialogue dialogue = DemoDialogue.demo();
        List<DemoDialogue.Step> steps = dialogue.steps();
        Map<String, Long> pidsBefore = pipeline.servicePids();
        SoftAssertions softly = new SoftAssertions();
        try (PipelineRecorder recorder =
                PipelineRecorder.start(pipeline.bootstrapServers(), List.of(Topics.BOT_SEGMENTS), CallWaits.KAFKA)) {
            SimulatedCall call = SimulatedCall.builder(pipeline.gatewayUrl()).connect();
            String callSid = call.identity().callSid();
            List<String> expected = dialogue.expectedBotLines(
                    call.identity().from(), call.identity().to(), ZonedDateTime.now());
            try (call) {
                assertThat(CallWaits.reply(call)).as("the greeting").isTrue();
                BotReplies replies = new BotReplies(recorder, callSid);
                int before = replies.lastTurn();
                call.speak(steps.get(0).line());
                call.awaitCallerIdle(Duration.ofMinutes(1));
                assertThat(CallWaits.reply(call))
                        .as("the reply to the first line")
                        .isTrue();
                assertThat(replies.after(before, CallWaits.KAFKA).text()).isEqualTo(expected.get(1));

                long stopping = System.nanoTime();
                pipeline.broker().stop();
                long stopped = System.nanoTime();
                pipeline.broker().startAgain();
                long restarted = System.nanoTime();
                System.out.printf(
                        Locale.ROOT,
                        "e2e: broker stopped in %.1f s, started again in %.1f s%n",
                        (stopped - stopping) / 1e9,
                        (restarted - stopped) / 1e9);

                before = replies.lastTurn();
                call.speak(steps.get(1).line());
                call.awaitCallerIdle(Duration.ofMinutes(1));
                long stoppedSpeaking = System.currentTimeMillis();
                softly.assertThat(call.awaitBotAudio(REPLY_AFTER_RESTART))
                        .as(
                                "bot audio after '%s' after the broker restart",
                                steps.get(1).line())
                        .isTrue();
                List<BotReplies.Reply> said = replies.awaitSaying(before, expected.get(2), REPLY_AFTER_RESTART);
                System.out.printf(
                        Locale.ROOT,
                        "e2e: after the restart the bot said, from %.1f s after the caller stopped: %s%n",
                        said.isEmpty() ? Double.NaN : (said.getFirst().firstAtMillis() - stoppedSpeaking) / 1000.0,
                        said.stream().map(BotReplies.Reply::text).toList());
                // the caller's words wait out the restart in the gateway's producer; the LLM worker's idle timer
                // (8 s) may re-ask its question first, and nothing else may come before the answer
                softly.assertThat(said.stream().map(BotReplies.Reply::text).toList())
                        .as("the bot's turns after the restart: the answer needs the conversation from before it")
                        .isNotEmpty()
                        .endsWith(expected.get(2))
                        .allMatch(text -> text.equals(expected.get(2)) || text.equals(expected.get(1)));
                softly.assertThat(call.isOpen()).as("the call's socket").isTrue();
            }
        }
        softly.assertThat(pipeline.servicePids())
                .as("every service still runs as the same process, healthy")
                .isEqualTo(pidsBefore);
        softly.assertThat(pipeline.unhealthyServices()).as("unhealthy services").isEmpty();
        softly.assertAll();
    }
}
