package dev.voicebot.tts.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.voicebot.tts.support.RecordingListener;
import dev.voicebot.tts.support.RecordingListener.Terminal;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SpeechSynthesizer} promises, run against each implementation by a
 * subclass that supplies it (with a local server standing in for a cloud vendor).
 */
public abstract class SpeechSynthesizerContract {

    protected static final Duration TIMEOUT = Duration.ofSeconds(20);

    protected SpeechSynthesizer synthesizer;

    /** A fresh synthesizer for one test. */
    protected abstract SpeechSynthesizer create() throws Exception;

    /** Releases what {@link #create} started. */
    protected void release() throws Exception {
        if (synthesizer instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** A sentence long enough to be delivered in several pieces. */
    protected String longSentence() {
        return "Thank you for calling the clinic, your appointment on Monday morning at ten is confirmed,"
                + " and we will send you a reminder the day before.";
    }

    @BeforeEach
    void setUpSynthesizer() throws Exception {
        synthesizer = create();
    }

    @AfterEach
    void tearDownSynthesizer() throws Exception {
        release();
    }

    @Test
    void speaksAtTheRequestedRateAndCompletesOnce() throws Exception {
        RecordingListener at8k = speak("Hello, how can I help you today?", 8000);
        RecordingListener at16k = speak("Hello, how can I help you today?", 16000);

        assertThat(at8k.awaitEnd(TIMEOUT)).isEqualTo(Terminal.COMPLETE);
        assertThat(at16k.awaitEnd(TIMEOUT)).isEqualTo(Terminal.COMPLETE);
        assertThat(at8k.audioBytes()).as("audio at 8 kHz").isGreaterThan(1600);
        assertThat((double) at16k.audioBytes() / at8k.audioBytes())
                .as("the same line at 16 kHz has twice the samples")
                .isCloseTo(2.0, within(0.05));
        settle();
        assertThat(at8k.terminals()).containsExactly(Terminal.COMPLETE);
        assertThat(at8k.violations()).isEmpty();
        assertThat(at16k.violations()).isEmpty();
    }

    @Test
    void streamsAudioBeforeTheWholeLineIsDone() throws Exception {
        RecordingListener listener = speak(longSentence(), 8000);

        assertThat(listener.awaitEnd(TIMEOUT)).isEqualTo(Terminal.COMPLETE);
        assertThat(listener.audioCalls()).as("pieces of audio").isGreaterThan(1);
        assertThat(listener.firstAudioAfterNanos()).isLessThan(listener.endAfterNanos());
    }

    @Test
    void cancelEndsTheRequestAtOnceAndNothingFollows() throws Exception {
        RecordingListener listener = new RecordingListener();
        SynthesisHandle handle = synthesizer.synthesize(SynthesisRequest.single(longSentence(), 8000), listener);
        assertThat(listener.awaitFirstAudio(TIMEOUT)).as("first audio").isTrue();

        handle.cancel();

        assertThat(listener.terminal()).as("outcome as cancel returns").isIn(Terminal.CANCELLED, Terminal.COMPLETE);
        handle.cancel();
        settle();
        assertThat(listener.terminals()).hasSize(1);
        assertThat(listener.violations()).isEmpty();
    }

    @Test
    void cancelAfterTheEndChangesNothing() throws Exception {
        RecordingListener listener = new RecordingListener();
        SynthesisHandle handle = synthesizer.synthesize(SynthesisRequest.single("Goodbye.", 8000), listener);
        assertThat(listener.awaitEnd(TIMEOUT)).isEqualTo(Terminal.COMPLETE);

        handle.cancel();

        settle();
        assertThat(listener.terminals()).containsExactly(Terminal.COMPLETE);
    }

    @Test
    void blankTextIsAnInvalidRequest() throws Exception {
        RecordingListener listener = speak("   ", 8000);

        assertThat(listener.awaitEnd(TIMEOUT)).isEqualTo(Terminal.ERROR);
        assertThat(listener.error().kind()).isEqualTo(SynthesisException.Kind.INVALID_REQUEST);
        assertThat(listener.error().retryable()).isFalse();
        assertThat(listener.audioBytes()).isZero();
    }

    @Test
    void concurrentRequestsDoNotDisturbEachOther() throws Exception {
        RecordingListener first = speak("Your order has shipped.", 8000);
        RecordingListener second = speak("Your order has shipped.", 8000);
        RecordingListener cancelled = new RecordingListener();
        synthesizer
                .synthesize(SynthesisRequest.single(longSentence(), 8000), cancelled)
                .cancel();

        assertThat(first.awaitEnd(TIMEOUT)).isEqualTo(Terminal.COMPLETE);
        assertThat(second.awaitEnd(TIMEOUT)).isEqualTo(Terminal.COMPLETE);
        assertThat(first.audio()).isEqualTo(second.audio());
        assertThat(cancelled.terminal()).isEqualTo(Terminal.CANCELLED);
    }

    @Test
    void declaresWhatItCanDo() {
        SynthesizerCapabilities capabilities = synthesizer.capabilities();

        assertThat(capabilities.nativeSampleRates()).isNotEmpty();
        assertThat(capabilities.alphabet()).isNotNull();
        assertThat(synthesizer.provider()).isNotBlank();
        assertThat(synthesizer.voice()).isNotBlank();
    }

    protected RecordingListener speak(String text, int sampleRate) {
        RecordingListener listener = new RecordingListener();
        synthesizer.synthesize(SynthesisRequest.single(text, sampleRate), listener);
        return listener;
    }

    /** Gives late callbacks a chance to show up, so that their absence means something. */
    protected static void settle() throws InterruptedException {
        Thread.sleep(150);
    }
}
