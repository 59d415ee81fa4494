package dev.voicebot.tts.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.event.EventCodec;
import dev.voicebot.tts.support.RecordingListener;
import dev.voicebot.tts.support.RecordingListener.Terminal;
import dev.voicebot.tts.synth.SynthesisRequest;
import dev.voicebot.tts.synth.cartesia.CartesiaSettings;
import dev.voicebot.tts.synth.cartesia.CartesiaSynthesizer;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Against the real Cartesia API; runs only when CARTESIA_API_KEY is set (CARTESIA_VOICE_ID optional). */
@EnabledIfEnvironmentVariable(named = "CARTESIA_API_KEY", matches = ".+")
class CartesiaLiveTest {

    @Test
    void speaksATurnOfTwoPiecesAtEightKilohertz() throws Exception {
        String voice = System.getenv().getOrDefault("CARTESIA_VOICE_ID", "a0e99841-438c-4a64-b679-ae501e7d6091");
        var settings = new CartesiaSettings(
                "wss://api.cartesia.ai/tts/websocket",
                System.getenv("CARTESIA_API_KEY"),
                "2024-11-13",
                System.getenv().getOrDefault("CARTESIA_MODEL", "sonic-2"),
                voice,
                "en",
                Duration.ofMillis(700),
                Duration.ofSeconds(5));
        OkHttpClient client = new OkHttpClient();
        try (var cartesia = new CartesiaSynthesizer(client, settings, EventCodec.mapper())) {
            RecordingListener first = new RecordingListener();
            cartesia.synthesize(new SynthesisRequest("Sure,", 8000, "live/turn-1", false), first);
            assertThat(first.awaitEnd(Duration.ofSeconds(20))).isEqualTo(Terminal.COMPLETE);
            RecordingListener second = new RecordingListener();
            cartesia.synthesize(
                    new SynthesisRequest("your table is booked for eight.", 8000, "live/turn-1", true), second);
            assertThat(second.awaitEnd(Duration.ofSeconds(20))).isEqualTo(Terminal.COMPLETE);

            assertThat(first.audioBytes() + second.audioBytes())
                    .as("bytes of 8 kHz audio")
                    .isGreaterThan(16000);
        } finally {
            client.dispatcher().executorService().shutdown();
        }
    }
}
