package dev.voicebot.stt.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.common.kafka.AudioRecord;
import org.junit.jupiter.api.Test;

class AudioIntakeTest {

    private final AudioIntake intake = new AudioIntake("CA-intake", 8000);

    private static AudioRecord record(long sequence, int rate, int millis) {
        return new AudioRecord("CA-intake", Pcm16.tone(rate, 300, millis, 0.2), rate, sequence, 0, false, 0, "route");
    }

    @Test
    void recordsInOrderPassUnchanged() {
        AudioRecord first = record(1, 8000, 100);
        assertThat(intake.accept(first).pcm()).isEqualTo(first.pcm());
        assertThat(intake.accept(record(2, 8000, 100)).outcome()).isEqualTo(AudioIntake.Outcome.ACCEPTED);
    }

    @Test
    void aGapIsFilledWithSilenceOfTheMissingLength() {
        intake.accept(record(1, 8000, 100));
        AudioRecord afterGap = record(4, 8000, 100);
        AudioIntake.Intake result = intake.accept(afterGap);

        assertThat(result.outcome()).isEqualTo(AudioIntake.Outcome.GAP_FILLED);
        assertThat(result.pcm()).hasSize(3 * 1600);
        assertThat(Pcm16.rms(java.util.Arrays.copyOf(result.pcm(), 3200))).isZero();
        assertThat(intake.gapsFilled()).isEqualTo(1);
    }

    @Test
    void aHugeSequenceJumpFillsAtMostOneSecond() {
        intake.accept(record(1, 8000, 100));
        assertThat(intake.accept(record(1_000_000, 8000, 100)).pcm()).hasSize(AudioIntake.MAX_GAP_FILL_MS * 16 + 1600);
    }

    @Test
    void duplicatesAndLateRecordsAreDropped() {
        intake.accept(record(5, 8000, 100));
        assertThat(intake.accept(record(5, 8000, 100)).outcome()).isEqualTo(AudioIntake.Outcome.DROPPED_LATE);
        assertThat(intake.accept(record(3, 8000, 100)).pcm()).isEmpty();
        assertThat(intake.accept(record(6, 8000, 100)).outcome()).isEqualTo(AudioIntake.Outcome.ACCEPTED);
        assertThat(intake.droppedLate()).isEqualTo(2);
    }

    @Test
    void audioAtAnotherRateIsResampledToTheCallsRate() {
        AudioIntake.Intake result = intake.accept(record(1, 16000, 200));
        AudioIntake.Intake next = intake.accept(record(2, 16000, 200));

        assertThat(result.outcome()).isEqualTo(AudioIntake.Outcome.RESAMPLED);
        // 200 ms at 8 kHz, give or take the resampler's held-back tail
        assertThat(result.pcm().length + next.pcm().length).isBetween(2 * 3200 - 200, 2 * 3200);
    }
}
