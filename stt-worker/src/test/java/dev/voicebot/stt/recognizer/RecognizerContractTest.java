package dev.voicebot.stt.recognizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.common.audio.Pcm16;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The provider contract every {@link SpeechRecognizer} passes: one terminal event, nothing after
 * it, results after a flush, offsets within the audio given, usage reported, sessions independent
 * of each other. A subclass supplies the recognizer and an utterance it recognizes.
 */
public abstract class RecognizerContractTest {

    protected static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** The recognizer under test; the same instance for the whole test class is fine. */
    protected abstract SpeechRecognizer recognizer();

    /** PCM16 audio at {@link #sampleRate()} of one utterance the recognizer gets right. */
    protected abstract byte[] utterance();

    /** What {@link #utterance()} says. */
    protected abstract String utteranceText();

    protected int sampleRate() {
        return 8000;
    }

    protected RecognitionSession open(String callSid, RecordingListener listener) {
        return recognizer().open(new SessionSpec(callSid, sampleRate()), listener);
    }

    @Test
    void declaresItsCapabilitiesAndTakesTheCallRate() {
        RecognizerCapabilities capabilities = recognizer().capabilities();
        assertThat(capabilities).isNotNull();
        assertThat(capabilities.supportsRate(sampleRate())).isTrue();
        assertThat(recognizer().name()).matches("[a-z0-9-]+");
    }

    @Test
    void recognizesAnUtteranceWhenFlushedThenClosesOnce() throws Exception {
        RecordingListener listener = new RecordingListener();
        RecognitionSession session = open("CA-contract-1", listener);
        byte[] audio = utterance();
        pushInPieces(session, audio);
        session.flush();
        RecognitionEvent.FinalTranscript result = listener.await(RecognitionEvent.FinalTranscript.class, TIMEOUT);
        session.endInput();

        assertThat(listener.awaitTerminal(TIMEOUT)).isEqualTo(new RecognitionEvent.Closed(false));
        listener.assertOneTerminalLast();
        assertThat(result.text()).isEqualTo(utteranceText());
        assertThat(result.confidence()).satisfiesAnyOf(c -> assertThat(c).isEqualTo(-1), c -> assertThat(c)
                .isBetween(0.0, 1.0));
        long audioMs =
                Pcm16.millisOf(audio.length, sampleRate()) > 0 ? (long) Pcm16.millisOf(audio.length, sampleRate()) : 0;
        assertThat(result.startMs()).isBetween(0L, result.endMs());
        assertThat(result.endMs()).isLessThanOrEqualTo(audioMs + 50);
        assertThat(listener.events(RecognitionEvent.FinalTranscript.class)).hasSize(1);
        assertThat(listener.events(RecognitionEvent.Usage.class))
                .singleElement()
                .satisfies(usage -> assertThat(usage.audioMs()).isGreaterThanOrEqualTo(audioMs - 50));
    }

    @Test
    void endingTwiceAndAbortingAfterwardsStillGiveExactlyOneTerminalEvent() throws Exception {
        RecordingListener listener = new RecordingListener();
        RecognitionSession session = open("CA-contract-2", listener);
        session.push(Arrays.copyOf(utterance(), 3200));
        session.endInput();
        session.endInput();
        session.abort();
        listener.awaitTerminal(TIMEOUT);
        Thread.sleep(200);
        session.push(new byte[320]);
        session.flush();
        session.abort();

        listener.assertOneTerminalLast();
        assertThat(session.isTerminated()).isTrue();
    }

    @Test
    void abortStopsAtOnceWithoutResults() throws Exception {
        RecordingListener listener = new RecordingListener();
        RecognitionSession session = open("CA-contract-3", listener);
        pushInPieces(session, utterance());
        session.abort();

        assertThat(listener.awaitTerminal(TIMEOUT)).isEqualTo(new RecognitionEvent.Closed(true));
        session.push(utterance());
        session.endInput();
        Thread.sleep(200);
        listener.assertOneTerminalLast();
        assertThat(listener.events(RecognitionEvent.FinalTranscript.class)).isEmpty();
    }

    @Test
    void aSessionWithoutAudioClosesWithoutResults() throws Exception {
        RecordingListener listener = new RecordingListener();
        RecognitionSession session = open("CA-contract-4", listener);
        session.flush();
        session.endInput();

        assertThat(listener.awaitTerminal(TIMEOUT)).isEqualTo(new RecognitionEvent.Closed(false));
        listener.assertOneTerminalLast();
        assertThat(listener.events(RecognitionEvent.FinalTranscript.class)).isEmpty();
        assertThat(listener.events(RecognitionEvent.NoMatch.class)).isEmpty();
    }

    @Test
    void refusesAudioThatIsNotWholeSamples() throws Exception {
        RecordingListener listener = new RecordingListener();
        RecognitionSession session = open("CA-contract-5", listener);
        assertThatThrownBy(() -> session.push(new byte[3])).isInstanceOf(IllegalArgumentException.class);
        session.abort();
        listener.awaitTerminal(TIMEOUT);
    }

    @Test
    void concurrentSessionsDoNotDisturbEachOther() throws Exception {
        int calls = 3;
        ExecutorService threads = Executors.newFixedThreadPool(calls);
        try {
            List<Future<RecordingListener>> done = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String callSid = "CA-contract-parallel-" + i;
                boolean abort = i == 0;
                done.add(threads.submit(() -> {
                    RecordingListener listener = new RecordingListener();
                    RecognitionSession session = open(callSid, listener);
                    pushInPieces(session, utterance());
                    if (abort) {
                        session.abort();
                    } else {
                        session.flush();
                        listener.await(RecognitionEvent.FinalTranscript.class, TIMEOUT);
                        session.endInput();
                    }
                    listener.awaitTerminal(TIMEOUT);
                    return listener;
                }));
            }
            for (int i = 0; i < calls; i++) {
                RecordingListener listener = done.get(i).get();
                listener.assertOneTerminalLast();
                if (i == 0) {
                    assertThat(listener.events(RecognitionEvent.FinalTranscript.class))
                            .isEmpty();
                } else {
                    assertThat(listener.events(RecognitionEvent.FinalTranscript.class))
                            .singleElement()
                            .satisfies(result -> assertThat(result.text()).isEqualTo(utteranceText()));
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Feeds audio in uneven pieces (whole samples), as Kafka records of any size would. */
    protected static void pushInPieces(RecognitionSession session, byte[] audio) {
        int[] sizes = {320, 642, 160, 1280, 2};
        int offset = 0;
        for (int i = 0; offset < audio.length; i++) {
            int size = Math.min(sizes[i % sizes.length], audio.length - offset);
            session.push(Arrays.copyOfRange(audio, offset, offset + size));
            offset += size;
        }
    }
}
