package dev.voicebot.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** How calls end: the caller hangs up, the applet stops the stream, or the bot closes the socket. */
class CallEndingTest {

    private static final Duration WAIT = Duration.ofSeconds(3);

    @Test
    void hangUpSendsStopCallEndedThenClosesTheSocket() throws Exception {
        try (FakeBot bot = FakeBot.accepting();
                SimulatedCall call = SimulatedCall.builder(bot.url("/ws")).connect()) {
            long lastSequence =
                    bot.nextEvent("media", WAIT).json().path("sequence_number").asLong();

            CloseInfo close = call.hangUp();

            FakeBot.Frame stop = bot.nextEvent("stop", WAIT);
            JsonNode body = stop.json().path("stop");
            assertThat(body.path("reason").asString()).isEqualTo("callended");
            assertThat(body.path("call_sid").asString())
                    .isEqualTo(call.identity().callSid());
            assertThat(body.path("account_sid").asString())
                    .isEqualTo(call.identity().accountSid());
            assertThat(stop.json().path("sequence_number").asLong()).isGreaterThan(lastSequence);
            assertThat(bot.awaitCloseCode()).isEqualTo(1000);
            assertThat(close.closedBy()).isEqualTo(CloseInfo.ClosedBy.SIMULATOR);
            assertThat(close.statusCode()).isEqualTo(1000);
            assertThat(call.isOpen()).isFalse();
            assertThat(bot.poll(f -> f.event().equals("media"), Duration.ofMillis(250)))
                    .as("no media after stop")
                    .isNull();
            assertThatThrownBy(() -> call.speak(new byte[320])).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void endStreamSendsStopWithReasonStopped() throws Exception {
        try (FakeBot bot = FakeBot.accepting();
                SimulatedCall call = SimulatedCall.builder(bot.url("/ws")).connect()) {
            bot.nextEvent("start", WAIT);
            call.endStream();
            assertThat(bot.nextEvent("stop", WAIT)
                            .json()
                            .path("stop")
                            .path("reason")
                            .asString())
                    .isEqualTo("stopped");
            assertThat(bot.awaitCloseCode()).isEqualTo(1000);
        }
    }

    @Test
    void reportsTheBotClosingTheSocketWithItsCode() throws Exception {
        try (FakeBot bot = FakeBot.accepting();
                SimulatedCall call = SimulatedCall.builder(bot.url("/ws")).connect()) {
            bot.nextEvent("start", WAIT);
            bot.closeSocket(4000, "transfer");
            CloseInfo close = call.awaitClose(WAIT).orElseThrow();
            assertThat(close.closedBy()).isEqualTo(CloseInfo.ClosedBy.BOT);
            assertThat(close.statusCode()).isEqualTo(4000);
            assertThat(close.reason()).isEqualTo("transfer");
            assertThat(call.timeline())
                    .anySatisfy(e -> assertThat(e.kind()).isEqualTo(TimelineEvent.Kind.SOCKET_CLOSED));
        }
    }

    @Test
    void reportsALostConnectionAsANetworkClose() throws Exception {
        FakeBot bot = FakeBot.accepting();
        try (SimulatedCall call = SimulatedCall.builder(bot.url("/ws")).connect()) {
            bot.nextEvent("start", WAIT);
            bot.close();
            CloseInfo close = call.awaitClose(WAIT).orElseThrow();
            assertThat(close.closedBy()).isEqualTo(CloseInfo.ClosedBy.NETWORK);
            assertThat(close.statusCode()).isEqualTo(1006);
        }
    }

    @Test
    void endsTheStreamAtTheMaximumDuration() throws Exception {
        try (FakeBot bot = FakeBot.accepting();
                SimulatedCall call = SimulatedCall.builder(bot.url("/ws"))
                        .maxDuration(Duration.ofMillis(300))
                        .connect()) {
            assertThat(bot.nextEvent("stop", WAIT)
                            .json()
                            .path("stop")
                            .path("reason")
                            .asString())
                    .isEqualTo("stopped");
            assertThat(call.awaitClose(WAIT)).isPresent();
        }
    }
}
