package dev.voicebot.tts.synth.mary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.tts.support.RecordingListener;
import dev.voicebot.tts.support.RecordingListener.Terminal;
import dev.voicebot.tts.synth.SynthesisException;
import dev.voicebot.tts.synth.SynthesisRequest;
import dev.voicebot.tts.text.SpeakableText;
import dev.voicebot.tts.text.VoiceAlphabet;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

class MarySynthesizerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void decimatesMarysFortyEightKilohertzToTheCallRate() throws Exception {
        String text = "Please hold while I check that for you.";
        AudioInputStream original = SharedMary.engine().generate(text);
        byte[] at48k = readAll(original);
        try (var mary = new MarySynthesizer(SharedMary.engine(), 1, Duration.ofSeconds(15))) {
            RecordingListener listener = new RecordingListener();
            mary.synthesize(SynthesisRequest.single(text, 8000), listener);

            assertThat(listener.awaitEnd(TIMEOUT)).isEqualTo(Terminal.COMPLETE);
            assertThat(original.getFormat().getSampleRate()).isEqualTo(48000f);
            assertThat(listener.audioBytes()).isEqualTo((at48k.length / 2 + 5) / 6 * 2);
            assertThat(Pcm16.dbfs(listener.audio())).as("speech level").isGreaterThan(-40);
        }
    }

    @Test
    void speaksTextWithCharactersTheVoiceHasNoSoundsFor() throws Exception {
        String prepared = SpeakableText.prepare("Café ☃ costs ₹500 😀 — 你好 ok?", VoiceAlphabet.LATIN);
        try (var mary = new MarySynthesizer(SharedMary.engine(), 1, Duration.ofSeconds(15))) {
            RecordingListener listener = new RecordingListener();
            mary.synthesize(SynthesisRequest.single(prepared, 8000), listener);

            assertThat(prepared).isEqualTo("Cafe costs 500 rupees - ok?");
            assertThat(listener.awaitEnd(TIMEOUT)).isEqualTo(Terminal.COMPLETE);
            assertThat(listener.audioBytes()).isGreaterThan(8000);
        }
    }

    @Test
    void aStreamThatStopsProducingFailsAfterTheStallTimeout() throws Exception {
        var format = new AudioFormat(48000, 16, 1, true, false);
        try (PipedOutputStream vocoder = new PipedOutputStream();
                PipedInputStream stalled = new PipedInputStream(vocoder, 1 << 16);
                var mary = new MarySynthesizer(
                        text -> new AudioInputStream(stalled, format, AudioSystem.NOT_SPECIFIED),
                        1,
                        Duration.ofMillis(300))) {
            RecordingListener listener = new RecordingListener();
            mary.synthesize(SynthesisRequest.single("never spoken", 8000), listener);
            vocoder.write(Pcm16.tone(48000, 300, 100, 0.5));
            vocoder.flush();

            assertThat(listener.awaitEnd(Duration.ofSeconds(5))).isEqualTo(Terminal.ERROR);
            assertThat(listener.error().kind()).isEqualTo(SynthesisException.Kind.TIMEOUT);
            assertThat(listener.audioBytes()).as("the audio before the stall").isBetween(2, 1600);
            assertThat(mary.abandonedReaders()).isEqualTo(1);

            RecordingListener next = new RecordingListener();
            mary.synthesize(SynthesisRequest.single("also stalls", 8000), next);
            assertThat(next.awaitEnd(Duration.ofSeconds(5)))
                    .as("the stalled reader's slot is free again")
                    .isEqualTo(Terminal.ERROR);
        }
    }

    @Test
    void anEngineFailureIsAnErrorNotAHang() throws Exception {
        try (var mary = new MarySynthesizer(
                text -> {
                    throw new IllegalStateException("no voice");
                },
                1,
                Duration.ofSeconds(5))) {
            RecordingListener listener = new RecordingListener();
            mary.synthesize(SynthesisRequest.single("hello", 8000), listener);

            assertThat(listener.awaitEnd(TIMEOUT)).isEqualTo(Terminal.ERROR);
            assertThat(listener.error().kind()).isEqualTo(SynthesisException.Kind.ENGINE);
            assertThat(listener.error().retryable()).isFalse();
        }
    }

    private static byte[] readAll(AudioInputStream stream) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = stream.read(buffer, 0, buffer.length); n != -1; n = stream.read(buffer, 0, buffer.length)) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
