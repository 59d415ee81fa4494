package dev.voicebot.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.common.audio.WavFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallerAudioTest {

    private static final Duration WAIT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void sendsAWavFileResampledToTheCallRate() throws Exception {
        Path wav = dir.resolve("tone.wav");
        WavFile.write(wav, 16000, Pcm16.tone(16000, 400, 300, 0.5));
        try (FakeBot bot = FakeBot.accepting();
                SimulatedCall call = SimulatedCall.builder(bot.url("/ws")).connect()) {
            bot.nextEvent("start", WAIT);
            call.speakWav(wav);
            FakeBot.Frame loud = bot.next(f -> f.event().equals("media") && Pcm16.rms(payload(f)) > 0, WAIT);
            assertThat(payload(loud)).hasSize(1600);
            assertThat(call.awaitCallerIdle(WAIT)).isTrue();
            CallerTurn turn = call.turns().getFirst();
            assertThat(turn.label()).isEqualTo("tone.wav");
            assertThat(turn.speechEndMillis().getAsLong() - turn.speechStartMillis())
                    .isBetween(290L, 310L);
        }
    }

    private static byte[] payload(FakeBot.Frame frame) {
        return Base64.getDecoder()
                .decode(frame.json().path("media").path("payload").asString());
    }
}
