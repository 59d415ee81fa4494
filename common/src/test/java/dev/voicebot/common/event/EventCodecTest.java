package dev.voicebot.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.common.kafka.UndecodableRecordException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {

    static List<VoicebotEvent> everyEventType() {
        return List.of(
                new CallStarted(
                        "CA1",
                        "ST1",
                        "AC1",
                        "+919876543210",
                        "+918000000000",
                        Map.of("lang", "en"),
                        8000,
                        CallDirection.INBOUND,
                        "voicebot.gateway.gw-1",
                        10L),
                new CallEnded("CA1", CallEnded.Reason.CALLER_HUNG_UP, "callended", 11L),
                new DtmfReceived("CA1", "5", 100, 12L),
                new CallStatusChanged("CA1", "completed", "terminal", "leg1 completed", 13L),
                new OutboundCallPlaced("CA1", "+919876543210", "voice-ai", Map.of("name", "Asha"), "camp-1", 14L),
                new MarkPlayed("CA1", "turn-3", 3, 15L),
                new SpeechStarted("CA1", 1200, 16L),
                new SpeechEnded("CA1", 2400, 17L),
                new Transcript("CA1", "i would like to book", true, 0.92, 1200, 2400, 18L),
                new BotSegment("CA1", 3, 0, "Sure.", false, 8000, 19L),
                new TurnCancelled("CA1", 3, 20L),
                new ClearAudio("CA1", 3, 21L),
                new EndCall("CA1", "goodbye", true, 22L),
                new ProviderFailed("CA1", "tts", "cartesia", "HTTP 401", false, 23L),
                new TurnLatency("CA1", 3, Map.of("speech_ended", 1_000L, "first_audio_on_socket", 251_000L), 24L));
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void everyEventSurvivesARoundTrip(VoicebotEvent event) {
        assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
    }

    @Test
    void everyPermittedTypeIsCoveredByTheRoundTrip() {
        var covered = everyEventType().stream().map(Object::getClass).toList();
        assertThat(covered).containsExactlyInAnyOrder(VoicebotEvent.class.getPermittedSubclasses());
    }

    @Test
    void writesTypeAndSchemaVersion() {
        String json = new String(EventCodec.encode(new TurnCancelled("CA1", 2, 5L)), StandardCharsets.UTF_8);
        assertThat(json).contains("\"type\":\"bot.turn-cancelled\"").contains("\"v\":1");
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        String json = """
                {"type":"speech.started","v":2,"callSid":"CA9","audioOffsetMs":40,"at":7,"speaker":"caller"}""";
        assertThat(EventCodec.decode(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(new SpeechStarted("CA9", 40, 7));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "{not json",
                "[]",
                "{\"type\":\"no.such.event\",\"callSid\":\"CA1\"}",
                "{\"callSid\":\"CA1\"}"
            })
    void bytesThatAreNotAnEventAreUndecodable(String json) {
        assertThatThrownBy(() -> EventCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UndecodableRecordException.class);
    }

    @Test
    void turnLatencyStepsFollowThePipelineOrder() {
        var latency = new TurnLatency(
                "CA1", 1, Map.of("speech_ended", 1_000L, "llm_received", 5_000L, "first_audio_on_socket", 9_500L), 1L);
        assertThat(latency.stepsMillis())
                .containsExactly(Map.entry("llm_received", 4.0), Map.entry("first_audio_on_socket", 4.5));
    }
}
