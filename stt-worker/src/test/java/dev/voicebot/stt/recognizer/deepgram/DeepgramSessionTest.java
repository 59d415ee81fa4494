package dev.voicebot.stt.recognizer.deepgram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.stt.recognizer.RecognitionEvent;
import dev.voicebot.stt.recognizer.RecognitionException;
import dev.voicebot.stt.recognizer.RecognitionSession;
import dev.voicebot.stt.recognizer.RecordingListener;
import dev.voicebot.stt.recognizer.SessionSpec;
import java.time.Duration;
import java.util.Arrays;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deepgram's wire behaviour, against a local server speaking its live API. */
class DeepgramSessionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int RATE = 8000;

    private final FakeDeepgramServer server = new FakeDeepgramServer(RATE);
    private DeepgramRecognizer recognizer = recognizer(DeepgramSettings.defaults("test-key"));

    @AfterEach
    void stop() {
        recognizer.close();
        server.close();
    }

    private DeepgramRecognizer recognizer(DeepgramSettings settings) {
        return new DeepgramRecognizer(settings.withUrl(server.url()));
    }

    private RecognitionSession open(RecordingListener listener) {
        return recognizer.open(new SessionSpec("CA-dg", RATE), listener);
    }

    @Test
    void connectsWithTheDocumentedParametersAndTokenAuthorization() throws Exception {
        RecordingListener listener = new RecordingListener();
        RecognitionSession session = open(listener);
        session.push(Pcm16.tone(RATE, 300, 200, 0.3));
        await().atMost(TIMEOUT).until(() -> !server.connections().isEmpty());
        session.endInput();
        listener.awaitTerminal(TIMEOUT);

        var request = server.connections().getFirst().request;
        HttpUrl url = request.getRequestUrl();
        assertThat(url.encodedPath()).isEqualTo("/v1/listen");
        assertThat(url.queryParameter("encoding")).isEqualTo("linear16");
        assertThat(url.queryParameter("sample_rate")).isEqualTo("8000");
        assertThat(url.queryParameter("channels")).isEqualTo("1");
        assertThat(url.queryParameter("interim_results")).isEqualTo("true");
        assertThat(url.queryParameter("endpointing")).isEqualTo("300");
        assertThat(url.queryParameter("utterance_end_ms")).isEqualTo("1000");
        assertThat(url.queryParameter("vad_events")).isEqualTo("true");
        assertThat(request.getHeader("Authorization")).isEqualTo("Token test-key");
        assertThat(server.connections().getFirst().count("CloseStream")).isEqualTo(1);
    }

    @Test
    void aRefusedKeyFailsPermanentlyAndLaterCallsFailWithoutAskingAgain() throws Exception {
        server.refuse(10, 401);
        RecordingListener first = new RecordingListener();
        open(first);
        RecognitionEvent terminal = first.awaitTerminal(TIMEOUT);
        RecordingListener second = new RecordingListener();
        open(second);

        assertThat(terminal).isInstanceOfSatisfying(RecognitionEvent.Failed.class, failed -> {
            assertThat(failed.cause().kind()).isEqualTo(RecognitionException.Kind.AUTHENTICATION);
            assertThat(failed.cause().retryable()).isFalse();
            assertThat(failed.cause().getMessage()).contains("401").doesNotContain("test-key");
        });
        assertThat(second.awaitTerminal(TIMEOUT)).isInstanceOf(RecognitionEvent.Failed.class);
        assertThat(server.requests())
                .as("no retry storm: one attempt for both calls")
                .isEqualTo(1);
        first.assertOneTerminalLast();
    }

    @Test
    void aServerCloseMidCallReconnectsAndReplaysTheAudioNotYetFinal() throws Exception {
        server.closeFirstConnectionAfter(3200);
        RecordingListener listener = new RecordingListener();
        RecognitionSession session = open(listener);
        byte[] speech = Pcm16.tone(RATE, 300, 1000, 0.3);
        for (int offset = 0; offset < speech.length; offset += 320) {
            session.push(Arrays.copyOfRange(speech, offset, offset + 320));
            Thread.sleep(2);
        }
        listener.await(RecognitionEvent.Interrupted.class, TIMEOUT);
        await().atMost(TIMEOUT)
                .until(() ->
                        server.connections().size() == 2 && server.connections().get(1).audioBytes == speech.length);
        session.flush();
        RecognitionEvent.FinalTranscript result = listener.await(RecognitionEvent.FinalTranscript.class, TIMEOUT);
        session.endInput();
        listener.awaitTerminal(TIMEOUT);

        assertThat(result.text()).isEqualTo("book an appointment");
        assertThat(result.startMs()).isZero();
        assertThat(result.endMs()).isEqualTo(1000);
        assertThat(listener.events(RecognitionEvent.Interrupted.class))
                .singleElement()
                .satisfies(interrupted ->
                        assertThat(interrupted.cause().retryable()).isTrue());
        listener.assertOneTerminalLast();
        assertThat(listener.awaitTerminal(TIMEOUT)).isEqualTo(new RecognitionEvent.Closed(false));
    }

    @Test
    void unreadableMessagesAreSkipped() throws Exception {
        server.malformedBeforeResults();
        RecordingListener listener = new RecordingListener();
        RecognitionSession session = open(listener);
        session.push(Pcm16.tone(RATE, 300, 500, 0.3));
        session.flush();
        RecognitionEvent.FinalTranscript result = listener.await(RecognitionEvent.FinalTranscript.class, TIMEOUT);
        session.endInput();

        assertThat(result.text()).isEqualTo("book an appointment");
        assertThat(listener.awaitTerminal(TIMEOUT)).isEqualTo(new RecognitionEvent.Closed(false));
    }

    @Test
    void sendsKeepAliveWhileNoAudioFlows() throws Exception {
        recognizer.close();
        recognizer = recognizer(DeepgramSettings.defaults("test-key")
                .withTimings(Duration.ofMillis(150), Duration.ofMillis(50), Duration.ofSeconds(2)));
        RecordingListener listener = new RecordingListener();
        RecognitionSession session = open(listener);
        session.push(Pcm16.tone(RATE, 300, 100, 0.3));

        await().atMost(TIMEOUT)
                .until(() -> !server.connections().isEmpty()
                        && server.connections().getFirst().count("KeepAlive") >= 2);
        session.abort();
        listener.awaitTerminal(TIMEOUT);
    }

    @Test
    void joinsFinalSegmentsIntoOneTranscriptAtSpeechFinalAndReportsSpeechStarted() throws Exception {
        RecordingListener listener = new RecordingListener();
        RecognitionSession session = open(listener);
        session.push(Pcm16.tone(RATE, 300, 300, 0.3));
        listener.await(RecognitionEvent.SpeechStarted.class, TIMEOUT);

        server.sendToAll(FakeDeepgramServer.results("i would", 0.0, 0.6, false, false, false));
        server.sendToAll(FakeDeepgramServer.results("i would like", 0.0, 0.9, true, false, false));
        server.sendToAll(FakeDeepgramServer.results("to book", 0.9, 0.7, true, true, false));
        RecognitionEvent.FinalTranscript result = listener.await(RecognitionEvent.FinalTranscript.class, TIMEOUT);
        server.sendToAll("{\"type\":\"UtteranceEnd\",\"channel\":[0,1],\"last_word_end\":1.6}");
        session.abort();
        listener.awaitTerminal(TIMEOUT);

        assertThat(listener.events(RecognitionEvent.PartialTranscript.class))
                .extracting(RecognitionEvent.PartialTranscript::text)
                .containsExactly("i would");
        assertThat(result).isEqualTo(new RecognitionEvent.FinalTranscript("i would like to book", 0.93, 0, 1600));
        assertThat(listener.events(RecognitionEvent.FinalTranscript.class)).hasSize(1);
    }

    @Test
    void aFlushedUtteranceWithoutWordsIsReportedAsNoMatch() throws Exception {
        server.transcript("");
        RecordingListener listener = new RecordingListener();
        RecognitionSession session = open(listener);
        session.push(Pcm16.tone(RATE, 300, 400, 0.3));
        session.flush();

        RecognitionEvent.NoMatch noMatch = listener.await(RecognitionEvent.NoMatch.class, TIMEOUT);
        session.endInput();
        listener.awaitTerminal(TIMEOUT);
        assertThat(noMatch).isEqualTo(new RecognitionEvent.NoMatch(0, 400));
    }

    @Test
    void givesUpAfterTheConfiguredReconnectAttemptsWithARetryableFailure() throws Exception {
        server.refuse(100, 503);
        recognizer.close();
        recognizer = recognizer(DeepgramSettings.defaults("test-key")
                .withTimings(Duration.ofSeconds(4), Duration.ofMillis(20), Duration.ofSeconds(2)));
        RecordingListener listener = new RecordingListener();
        open(listener);

        RecognitionEvent terminal = listener.awaitTerminal(TIMEOUT);
        assertThat(terminal).isInstanceOfSatisfying(RecognitionEvent.Failed.class, failed -> assertThat(
                        failed.cause().retryable())
                .isTrue());
        assertThat(server.requests())
                .isEqualTo(1 + DeepgramSettings.defaults("k").reconnectAttempts());
        listener.assertOneTerminalLast();
    }
}
