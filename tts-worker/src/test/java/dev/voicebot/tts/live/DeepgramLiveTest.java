package dev.voicebot.tts.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.event.EventCodec;
import dev.voicebot.tts.support.RecordingListener;
import dev.voicebot.tts.support.RecordingListener.Terminal;
import dev.voicebot.tts.synth.SynthesisRequest;
import dev.voicebot.tts.synth.deepgram.DeepgramAuraSynthesizer;
import dev.voicebot.tts.synth.deepgram.DeepgramSettings;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Against the real Deepgram API; runs only when DEEPGRAM_API_KEY is set. */
@EnabledIfEnvironmentVariable(named = "DEEPGRAM_API_KEY", matches = ".+")
class DeepgramLiveTest {

    @Test
    void speaksALineAtEightKilohertz() throws Exception {
        OkHttpClient client = new OkHttpClient();
        try {
            var deepgram = new DeepgramAuraSynthesizer(
                    client,
                    new DeepgramSettings(
                            "https://api.deepgram.com", System.getenv("DEEPGRAM_API_KEY"), "aura-2-thalia-en"),
                    EventCodec.mapper());
            RecordingListener listener = new RecordingListener();
            deepgram.synthesize(SynthesisRequest.single("Your appointment is confirmed.", 8000), listener);

            assertThat(listener.awaitEnd(Duration.ofSeconds(20))).isEqualTo(Terminal.COMPLETE);
            assertThat(listener.audioBytes()).as("bytes of 8 kHz audio").isGreaterThan(16000);
        } finally {
            client.dispatcher().executorService().shutdown();
        }
    }
}
