package dev.voicebot.stt.recognizer.deepgram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.service.resilience.BreakerSettings;
import dev.voicebot.service.resilience.CircuitBreaker;
import dev.voicebot.stt.recognizer.FallbackRecognizer;
import dev.voicebot.stt.recognizer.RecognitionEvent;
import dev.voicebot.stt.recognizer.RecognitionSession;
import dev.voicebot.stt.recognizer.RecordingListener;
import dev.voicebot.stt.recognizer.ScriptedRecognizer;
import dev.voicebot.stt.recognizer.SessionSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deepgram behind its circuit breaker with a fallback recognizer, against a local server speaking
 * Deepgram's live API that refuses connections, and one that never completes the handshake.
 */
class DeepgramFailoverTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int RATE = 8000;
    private static final String SAID = "book an appointment";

    private final FakeDeepgramServer server = new FakeDeepgramServer(RATE);
    private final ScriptedRecognizer embedded = new ScriptedRecognizer(SAID);
    private final CircuitBreaker breaker =
            new CircuitBreaker("stt/deepgram", new BreakerSettings(2, 1.0, 10, Duration.ofMinutes(10)));
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        server.close();
    }

    private FallbackRecognizer recognizer(String url, Duration connectTimeout) {
        DeepgramSettings defaults = DeepgramSettings.defaults("test-key");
        DeepgramSettings settings = new DeepgramSettings(
                defaults.apiKey(),
                url,
                defaults.model(),
                defaults.language(),
                defaults.endpointingMs(),
                defaults.utteranceEndMs(),
                defaults.keepAlive(),
                connectTimeout,
                1,
                Duration.ofMillis(20),
                defaults.replayLimit(),
                defaults.finalizeTimeout(),
                defaults.closeTimeout(),
                defaults.refusalCooldown());
        FallbackRecognizer recognizer = new FallbackRecognizer(new DeepgramRecognizer(settings), embedded, breaker);
        resources.add(recognizer);
        return recognizer;
    }

    /** Speaks into the session until the cloud gave up, then one more turn; returns its result. */
    private static RecognitionEvent.FinalTranscript speakThroughFailure(
            RecognitionSession session, RecordingListener listener) throws InterruptedException {
        session.push(Pcm16.tone(RATE, 300, 200, 0.3));
        // the session's own reconnects are interruptions too; this one is the cloud giving up
        listener.await(
                RecognitionEvent.Interrupted.class, i -> i.cause().getMessage().contains("gave up"), TIMEOUT);
        session.push(Pcm16.tone(RATE, 300, 400, 0.3));
        session.flush();
        return listener.await(RecognitionEvent.FinalTranscript.class, TIMEOUT);
    }

    @Test
    void aCallWhoseCloudSessionFailsGoesOnWithTheFallbackAndItsOffsetsRunOn() throws Exception {
        server.refuse(100, 503);
        RecordingListener listener = new RecordingListener();
        RecognitionSession session =
                recognizer(server.url(), Duration.ofSeconds(2)).open(new SessionSpec("CA-failover", RATE), listener);

        RecognitionEvent.FinalTranscript result = speakThroughFailure(session, listener);

        assertThat(result.text()).isEqualTo(SAID);
        assertThat(result.startMs()).as("counted from the call's first audio").isGreaterThanOrEqualTo(200);
        assertThat(listener.events(RecognitionEvent.Failed.class)).isEmpty();
        session.endInput();
        assertThat(listener.awaitTerminal(TIMEOUT)).isEqualTo(new RecognitionEvent.Closed(false));
        listener.assertOneTerminalLast();
    }

    @Test
    void afterFailingCallsTheBreakerOpensAndNewCallsGoStraightToTheFallback() throws Exception {
        server.refuse(100, 503);
        FallbackRecognizer recognizer = recognizer(server.url(), Duration.ofSeconds(2));
        for (int call = 0; call < 2; call++) {
            RecordingListener listener = new RecordingListener();
            speakThroughFailure(recognizer.open(new SessionSpec("CA-" + call, RATE), listener), listener);
        }
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        int asked = server.requests();
        int fallbackSessions = embedded.sessionsOpened();

        RecordingListener listener = new RecordingListener();
        RecognitionSession session = recognizer.open(new SessionSpec("CA-next", RATE), listener);
        session.push(Pcm16.tone(RATE, 300, 400, 0.3));
        session.flush();

        assertThat(listener.await(RecognitionEvent.FinalTranscript.class, TIMEOUT)
                        .text())
                .isEqualTo(SAID);
        assertThat(server.requests()).isEqualTo(asked);
        assertThat(embedded.sessionsOpened()).isEqualTo(fallbackSessions + 1);
    }

    @Test
    void aHandshakeThatNeverCompletesTimesOutAndTheFallbackTakesOver() throws Exception {
        ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        Thread acceptor = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    accepted.add(silent.accept()); // reads nothing, answers nothing
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        resources.add(() -> {
            silent.close();
            acceptor.join();
            for (Socket socket : accepted) {
                socket.close();
            }
        });
        RecordingListener listener = new RecordingListener();
        RecognitionSession session = recognizer(
                        "ws://127.0.0.1:" + silent.getLocalPort() + "/v1/listen", Duration.ofMillis(300))
                .open(new SessionSpec("CA-silent", RATE), listener);

        RecognitionEvent.FinalTranscript result = speakThroughFailure(session, listener);

        assertThat(result.text()).isEqualTo(SAID);
        assertThat(listener.await(RecognitionEvent.Interrupted.class, TIMEOUT)
                        .cause()
                        .retryable())
                .isTrue();
    }
}
