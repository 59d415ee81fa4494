package dev.voicebot.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.voicebot.common.audio.Pcm16;
import org.junit.jupiter.api.Test;

class CallerVoiceTest {

    private static final String SENTENCE = "I would like to book an appointment for tomorrow";

    @Test
    void speaksAudibleTelephoneAudioAtEightKilohertz() {
        byte[] pcm = CallerVoice.shared().synthesize(SENTENCE, 8000);
        assertThat(Pcm16.millisOf(pcm.length, 8000)).isBetween(1500.0, 6000.0);
        assertThat(Pcm16.dbfs(pcm)).isGreaterThan(-35.0);
        assertThat(Utterance.of("s", pcm, 8000).hasSpeech()).isTrue();
    }

    @Test
    void resamplesToSixteenKilohertzWithTheSameDuration() {
        byte[] narrow = CallerVoice.shared().synthesize(SENTENCE, 8000);
        byte[] wide = CallerVoice.shared().synthesize(SENTENCE, 16000);
        assertThat(Pcm16.millisOf(wide.length, 16000)).isCloseTo(Pcm16.millisOf(narrow.length, 8000), offset(20.0));
        assertThat(Pcm16.dbfs(wide)).isGreaterThan(-35.0);
    }

    @Test
    void refusesBlankText() {
        assertThatThrownBy(() -> CallerVoice.shared().synthesize(" ", 8000))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
