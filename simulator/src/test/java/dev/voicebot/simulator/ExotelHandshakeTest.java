package dev.voicebot.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What the simulator sends when a call starts, checked on a real socket. */
class ExotelHandshakeTest {

    private static final Duration WAIT = Duration.ofSeconds(3);

    @Test
    void sendsConnectedThenStartWithSnakeCaseKeysAndStringMediaFormat() throws Exception {
        try (FakeBot bot = FakeBot.accepting();
                SimulatedCall call = SimulatedCall.builder(bot.url("/ws?token=abc"))
                        .callSid("c0ffee")
                        .streamSid("stream42")
                        .accountSid("acme1")
                        .from("+919812345678")
                        .to("+918000011111")
                        .customParameter("lang", "hi")
                        .sampleRate(16000)
                        .connect()) {
            FakeBot.Frame connected = bot.next(WAIT);
            assertThat(connected.text()).isEqualTo("{\"event\":\"connected\"}");

            JsonNode start = bot.next(WAIT).json();
            assertThat(start.path("event").asString()).isEqualTo("start");
            assertThat(start.path("sequence_number").isNumber()).isTrue();
            assertThat(start.path("sequence_number").asLong()).isEqualTo(1);
            assertThat(start.path("stream_sid").asString()).isEqualTo("stream42");
            JsonNode body = start.path("start");
            assertThat(body.path("stream_sid").asString()).isEqualTo("stream42");
            assertThat(body.path("call_sid").asString()).isEqualTo("c0ffee");
            assertThat(body.path("account_sid").asString()).isEqualTo("acme1");
            assertThat(body.path("from").asString()).isEqualTo("+919812345678");
            assertThat(body.path("to").asString()).isEqualTo("+918000011111");
            assertThat(body.path("custom_parameters").path("token").asString()).isEqualTo("abc");
            assertThat(body.path("custom_parameters").path("lang").asString()).isEqualTo("hi");
            assertThat(body.path("custom_parameters").has("sample-rate")).isFalse();
            JsonNode format = body.path("media_format");
            assertThat(format.path("encoding").isString()).isTrue();
            assertThat(format.path("encoding").asString()).isEqualTo("raw");
            assertThat(format.path("sample_rate").isString()).isTrue();
            assertThat(format.path("sample_rate").asString()).isEqualTo("16000");
            assertThat(format.path("bit_rate").isString()).isTrue();
            assertThat(format.path("bit_rate").asString()).isEqualTo("256");
            assertThat(start.toString()).doesNotContain("streamSid", "callSid", "customParameters");

            RecordedRequest upgrade = bot.takeRequest();
            assertThat(upgrade.getPath()).startsWith("/ws?token=abc").contains("lang=hi", "sample-rate=16000");
            assertThat(upgrade.getHeader("Authorization")).isNull();
            assertThat(call.sampleRate()).isEqualTo(16000);
        }
    }

    @Test
    void streamsCallerAudioAsMediaEveryHundredMillisecondsInRealTime() throws Exception {
        try (FakeBot bot = FakeBot.accepting();
                SimulatedCall call = SimulatedCall.builder(bot.url("/ws")).connect()) {
            bot.nextEvent("start", WAIT);
            List<FakeBot.Frame> media = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                media.add(bot.nextEvent("media", WAIT));
            }
            for (int i = 0; i < media.size(); i++) {
                JsonNode frame = media.get(i).json();
                assertThat(frame.path("sequence_number").asLong()).isEqualTo(i + 2);
                assertThat(frame.path("stream_sid").asString())
                        .isEqualTo(call.identity().streamSid());
                assertThat(frame.path("media").path("chunk").isNumber()).isTrue();
                assertThat(frame.path("media").path("chunk").asLong()).isEqualTo(i + 1);
                assertThat(frame.path("media").path("timestamp").isString()).isTrue();
                assertThat(frame.path("media").path("timestamp").asString()).isEqualTo(Long.toString(i * 100L));
                byte[] pcm = Base64.getDecoder()
                        .decode(frame.path("media").path("payload").asString());
                assertThat(pcm).hasSize(1600).containsOnly((byte) 0);
            }
            double spanMillis = (media.get(11).atNanos() - media.get(1).atNanos()) / 1e6;
            assertThat(spanMillis).as("10 frame intervals").isBetween(850.0, 1300.0);
        }
    }

    @Test
    void sendsUserInfoFromTheUrlAsBasicAuthorization() throws Exception {
        try (FakeBot bot = FakeBot.accepting()) {
            String url = "ws://alice:s%3Acret@127.0.0.1:" + bot.port() + "/ws";
            try (SimulatedCall call = SimulatedCall.builder(url).connect()) {
                RecordedRequest upgrade = bot.takeRequest();
                String expected =
                        "Basic " + Base64.getEncoder().encodeToString("alice:s:cret".getBytes(StandardCharsets.UTF_8));
                assertThat(upgrade.getHeader("Authorization")).isEqualTo(expected);
                assertThat(upgrade.getPath()).isEqualTo("/ws");
                assertThat(call.target().displayUrl()).doesNotContain("alice", "cret");
            }
        }
    }

    @Test
    void retriesARefusedHandshakeOnceThenFails() throws Exception {
        try (FakeBot bot = FakeBot.refusing(403)) {
            assertThatThrownBy(() -> SimulatedCall.builder(bot.url("/ws")).connect())
                    .isInstanceOf(CallConnectException.class)
                    .hasMessageContaining("HTTP 403")
                    .satisfies(e ->
                            assertThat(((CallConnectException) e).httpStatus()).hasValue(403));
            assertThat(bot.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void sendsDtmfAsADigitStringWithADuration() throws Exception {
        try (FakeBot bot = FakeBot.accepting();
                SimulatedCall call = SimulatedCall.builder(bot.url("/ws")).connect()) {
            bot.nextEvent("start", WAIT);
            call.dtmf('#');
            JsonNode dtmf = bot.nextEvent("dtmf", WAIT).json();
            assertThat(dtmf.path("sequence_number").isNumber()).isTrue();
            assertThat(dtmf.path("stream_sid").asString())
                    .isEqualTo(call.identity().streamSid());
            assertThat(dtmf.path("dtmf").path("digit").asString()).isEqualTo("#");
            assertThat(dtmf.path("dtmf").path("duration").isString()).isTrue();
            assertThat(call.stats().dtmfSent()).isEqualTo(1);
            assertThatThrownBy(() -> call.dtmf('x')).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
