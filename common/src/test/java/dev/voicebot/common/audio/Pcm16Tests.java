package dev.voicebot.common.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class Pcm16Tests {

    @Test
    void samplesAndBytesRoundTripLittleEndian() {
        short[] samples = {0, 1, -1, 258, Short.MAX_VALUE, Short.MIN_VALUE};
        byte[] le = Pcm16.toBytes(samples);

        assertThat(le).startsWith(0, 0, 1, 0, -1, -1, 2, 1);
        assertThat(Pcm16.toSamples(le)).containsExactly(samples);
        assertThat(Pcm16.sampleAt(le, 3)).isEqualTo((short) 258);
    }

    @Test
    void rmsAndDbfsOfATone() {
        byte[] tone = Pcm16.tone(8000, 1000, 1000, 0.5);

        assertThat(Pcm16.rms(tone)).isCloseTo(0.5 * 32767 / Math.sqrt(2), within(1.0));
        assertThat(Pcm16.dbfs(Pcm16.tone(8000, 1000, 1000, 1.0))).isCloseTo(-3.01, within(0.01));
        assertThat(Pcm16.dbfs(tone)).isCloseTo(-9.03, within(0.01));
    }

    @Test
    void silenceMeasuresAsNothing() {
        byte[] silence = Pcm16.silence(16000, 20);

        assertThat(silence).hasSize(640).containsOnly(0);
        assertThat(Pcm16.rms(silence)).isZero();
        assertThat(Pcm16.dbfs(silence)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Pcm16.dbfs(new byte[0])).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void durationMath() {
        assertThat(Pcm16.bytesFor(8000, 20)).isEqualTo(320);
        assertThat(Pcm16.bytesFor(24000, 200)).isEqualTo(9600);
        assertThat(Pcm16.bytesFor(44100, 1)).as("whole samples only").isEqualTo(88);
        assertThat(Pcm16.millisOf(3200, 8000)).isEqualTo(200.0);
        assertThat(Pcm16.millisOf(3200, 16000)).isEqualTo(100.0);
        assertThat(Pcm16.millisOf(1, 8000)).isZero();
        assertThatThrownBy(() -> Pcm16.bytesFor(0, 20)).hasMessageContaining("sample rate must be positive");
        assertThatThrownBy(() -> Pcm16.bytesFor(8000, -1)).hasMessageContaining("must not be negative");
    }

    @Test
    void toneHasTheRequestedFrequencyAndPeak() {
        short[] tone = Pcm16.toSamples(Pcm16.tone(8000, 1000, 100, 0.25));
        int rising = 0;
        for (int i = 1; i < tone.length; i++) {
            if (tone[i - 1] < 0 && tone[i] >= 0) {
                rising++;
            }
        }

        assertThat(tone).hasSize(800);
        assertThat(rising).as("one rising zero crossing per cycle, 100 cycles").isBetween(99, 100);
        assertThat(Pcm16.toSamples(Pcm16.tone(8000, 2000, 1, 1.0))).contains(Short.MAX_VALUE);
        assertThatThrownBy(() -> Pcm16.tone(8000, 1000, 10, 1.5)).hasMessageContaining("amplitude");
    }

    @Test
    void oddLengthsAreRejectedWithAClearMessage() {
        assertThatThrownBy(() -> Pcm16.requireEvenLength(new byte[321]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("even number of bytes")
                .hasMessageContaining("321");
        assertThatThrownBy(() -> Pcm16.toSamples(new byte[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pcm16.rms(new byte[1])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clampRoundsAndSaturates() {
        assertThat(Pcm16.clamp(1.5)).isEqualTo((short) 2);
        assertThat(Pcm16.clamp(-1.5)).isEqualTo((short) -1);
        assertThat(Pcm16.clamp(40000)).isEqualTo(Short.MAX_VALUE);
        assertThat(Pcm16.clamp(-40000)).isEqualTo(Short.MIN_VALUE);
    }
}
