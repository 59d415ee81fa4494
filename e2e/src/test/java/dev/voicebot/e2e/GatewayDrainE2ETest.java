package dev.voicebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.simulator.CallConnectException;
import dev.voicebot.simulator.CloseInfo;
import dev.voicebot.simulator.SimulatedCall;
import dev.voicebot.simulator.demo.DemoDialogue;
import dev.voicebot.simulator.demo.PipelineRecorder;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A second gateway joins the pipeline, takes a call, and is stopped (SIGTERM) in the middle of it: from then on it
 * refuses new sockets with 503, while the call on it goes on (the caller's next line is answered with the script's
 * reply) until the bot ends it after the goodbye; then the gateway exits.
 */
@ExtendWith(PipelineExtension.class)
@Isolated("stops a gateway of the shared pipeline")
class GatewayDrainE2ETest {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void aStoppedGatewayRefusesNewCallsAndLetsItsCallFinish(E2ePipeline pipeline) throws Exception {
        ServiceProcess gateway = pipeline.startInstance(
                "gateway", "gateway-b", Map.of("GATEWAY_DRAIN_TIMEOUT", DRAIN_TIMEOUT.toSeconds() + "s"));
        String url = "ws://127.0.0.1:" + gateway.port() + "/ws";
        DemoDialogue dialogue = DemoDialogue.demo();
        List<DemoDialogue.Step> steps = dialogue.steps();
        SoftAssertions softly = new SoftAssertions();
        try (PipelineRecorder recorder = PipelineRecorder.start(
                pipeline.bootstrapServers(), List.of(Topics.BOT_SEGMENTS, Topics.CALL_EVENTS), CallWaits.KAFKA)) {
            SimulatedCall call = SimulatedCall.builder(url).connect();
            String callSid = call.identity().callSid();
            BotReplies replies = new BotReplies(recorder, callSid);
            List<String> expected = dialogue.expectedBotLines(
                    call.identity().from(), call.identity().to(), ZonedDateTime.now());
            try (call) {
                assertThat(CallWaits.reply(call)).as("the greeting").isTrue();

                gateway.requestStop();
                // shutdown has begun once the health (with its readiness) is no longer UP
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (gateway.isHealthy() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                Throwable refused = catchThrowable(() ->
                        SimulatedCall.builder(url).handshakeRetries(0).connect().close());
                softly.assertThat(refused)
                        .as("a new socket to the stopping gateway")
                        .isInstanceOf(CallConnectException.class);
                if (refused instanceof CallConnectException e) {
                    softly.assertThat(e.httpStatus()).as("its HTTP status").hasValue(503);
                }

                int before = replies.lastTurn();
                call.speak(steps.getFirst().line());
                call.awaitCallerIdle(Duration.ofMinutes(1));
                softly.assertThat(CallWaits.reply(call))
                        .as("a reply on the draining gateway")
                        .isTrue();
                softly.assertThat(replies.after(before, CallWaits.KAFKA).text())
                        .as("the reply on the draining gateway")
                        .isEqualTo(expected.get(1));

                call.speak(steps.getLast().line());
                call.awaitCallerIdle(Duration.ofMinutes(1));
                Optional<CloseInfo> closed = call.awaitClose(CallWaits.REPLY_END);
                softly.assertThat(closed)
                        .as("the bot ends the call after its goodbye")
                        .isPresent();
                closed.ifPresent(close -> softly.assertThat(close.closedBy())
                        .as("who closed the socket")
                        .isEqualTo(CloseInfo.ClosedBy.BOT));
            }
            softly.assertThat(recorder.await(
                            callSid,
                            event -> event instanceof CallEnded ended && ended.reason() == CallEnded.Reason.BOT_ENDED,
                            CallWaits.KAFKA))
                    .as("call.ended BOT_ENDED")
                    .isTrue();
        }
        softly.assertThat(gateway.awaitExit(Duration.ofSeconds(20)))
                .as("the gateway exits once its last call has ended, well before its drain timeout")
                .isTrue();
        softly.assertAll();
    }
}
