package dev.voicebot.tts.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.event.EventCodec;
import dev.voicebot.service.resilience.BreakerSettings;
import dev.voicebot.service.resilience.CircuitBreaker;
import dev.voicebot.tts.support.RecordingListener;
import dev.voicebot.tts.support.RecordingListener.Terminal;
import dev.voicebot.tts.support.ScriptedSynthesizer;
import dev.voicebot.tts.synth.SynthesisException.Kind;
import dev.voicebot.tts.synth.cartesia.CartesiaSynthesizer;
import dev.voicebot.tts.synth.cartesia.FakeCartesiaServer;
import dev.voicebot.tts.synth.deepgram.DeepgramAuraSynthesizer;
import dev.voicebot.tts.synth.deepgram.DeepgramSettings;
import dev.voicebot.tts.synth.deepgram.FakeDeepgramServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cloud voices layered as the worker layers them (breaker → deadlines → provider, the embedded
 * voice behind), against local servers speaking Deepgram's and Cartesia's wire formats that hang,
 * stall, fail and refuse connections.
 */
class FailingCloudVoiceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration FIRST_AUDIO = Duration.ofMillis(500);
    private static final Duration STALL = Duration.ofMillis(500);
    private static final Duration OPEN_FOR = Duration.ofMillis(600);

    private final OkHttpClient http = new OkHttpClient.Builder()
            .readTimeout(Duration.ofSeconds(20))
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ScriptedSynthesizer embedded = new ScriptedSynthesizer("embedded", 4, 20, 0);
    private final CircuitBreaker breaker = new CircuitBreaker("tts/cloud", new BreakerSettings(3, 1.0, 10, OPEN_FOR));
    private FakeDeepgramServer deepgram;
    private FakeCartesiaServer cartesia;
    private CartesiaSynthesizer cartesiaVoice;

    @AfterEach
    void tearDown() throws Exception {
        if (cartesiaVoice != null) {
            cartesiaVoice.close();
        }
        if (cartesia != null) {
            cartesia.close();
        }
        if (deepgram != null) {
            deepgram.close();
        }
        embedded.close();
        scheduler.shutdownNow();
        http.dispatcher().executorService().shutdown();
    }

    private SpeechSynthesizer layered(SpeechSynthesizer cloud) {
        return new BreakerSynthesizer(new DeadlineSynthesizer(cloud, FIRST_AUDIO, STALL, scheduler), breaker);
    }

    private SpeechSynthesizer deepgramAt(String baseUrl) {
        return new DeepgramAuraSynthesizer(
                http, new DeepgramSettings(baseUrl, FakeDeepgramServer.KEY, "aura-2-thalia-en"), EventCodec.mapper());
    }

    private SpeechSynthesizer deepgram() throws Exception {
        deepgram = new FakeDeepgramServer(400, 0);
        return deepgramAt(deepgram.baseUrl());
    }

    private static RecordingListener say(SpeechSynthesizer voice, String text) throws InterruptedException {
        RecordingListener listener = new RecordingListener();
        voice.synthesize(SynthesisRequest.single(text, 8000), listener);
        assertThat(listener.awaitEnd(WAIT)).isNotNull();
        return listener;
    }

    @Test
    void aDeepgramServerThatNeverAnswersFailsAtTheFirstAudioDeadlineAndTheEmbeddedVoiceSpeaks() throws Exception {
        SpeechSynthesizer voice = new FallbackSynthesizer(layered(deepgram()), embedded);

        RecordingListener listener = say(voice, "Are you there? [hang]");

        assertThat(listener.terminal()).isEqualTo(Terminal.COMPLETE);
        assertThat(listener.audioBytes()).isEqualTo(embedded.bytesPerRequest(8000));
        assertThat(embedded.requests()).hasSize(1);
    }

    @Test
    void deepgramAudioThatStallsMidPieceFailsWithATimeoutInsteadOfRepeatingWords() throws Exception {
        SpeechSynthesizer voice = new FallbackSynthesizer(layered(deepgram()), embedded);

        RecordingListener listener = say(voice, "A long answer [stall]");

        assertThat(listener.terminal()).isEqualTo(Terminal.ERROR);
        assertThat(listener.error().kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(listener.audioBytes()).isPositive();
        assertThat(embedded.requests()).isEmpty();
    }

    @Test
    void deepgramServerErrorsOpenTheBreakerThenPiecesSkipItUntilATrialAfterTheCoolDown() throws Exception {
        SpeechSynthesizer voice = new FallbackSynthesizer(layered(deepgram()), embedded);
        for (int i = 0; i < 3; i++) {
            assertThat(say(voice, "Failing [500]").terminal()).isEqualTo(Terminal.COMPLETE);
        }
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        int asked = deepgram.requests().size();

        assertThat(say(voice, "While it is open").terminal()).isEqualTo(Terminal.COMPLETE);
        assertThat(deepgram.requests()).hasSize(asked);
        assertThat(embedded.requests()).hasSize(4);

        Thread.sleep(OPEN_FOR.toMillis() + 50);
        RecordingListener trial = say(voice, "After the cool-down");
        assertThat(trial.terminal()).isEqualTo(Terminal.COMPLETE);
        assertThat(deepgram.requests()).hasSize(asked + 1);
        assertThat(embedded.requests()).hasSize(4);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void withoutAFallbackAnOpenBreakerFailsAtOnceWithoutAskingTheProvider() throws Exception {
        SpeechSynthesizer voice = layered(deepgram());
        for (int i = 0; i < 3; i++) {
            assertThat(say(voice, "Busy [429]").error().kind()).isEqualTo(Kind.RATE_LIMITED);
        }
        int asked = deepgram.requests().size();

        RecordingListener skipped = say(voice, "Anything");

        assertThat(skipped.error().kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(deepgram.requests()).hasSize(asked);
    }

    @Test
    void aRefusedConnectionCountsAgainstTheProviderAndTheEmbeddedVoiceSpeaks() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SpeechSynthesizer voice =
                new FallbackSynthesizer(layered(deepgramAt("http://127.0.0.1:" + closedPort + "/")), embedded);

        for (int i = 0; i < 3; i++) {
            assertThat(say(voice, "Hello").terminal()).isEqualTo(Terminal.COMPLETE);
        }

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(embedded.requests()).hasSize(3);
    }

    @Test
    void aCartesiaContextThatNeverGetsAudioFailsAtTheDeadlineAndTheEmbeddedVoiceSpeaks() throws Exception {
        cartesia = new FakeCartesiaServer(3, 10);
        cartesiaVoice = new CartesiaSynthesizer(http, cartesia.settings(FakeCartesiaServer.KEY), EventCodec.mapper());
        SpeechSynthesizer voice = new FallbackSynthesizer(layered(cartesiaVoice), embedded);

        RecordingListener silent = say(voice, "Nothing comes back [silent]");
        RecordingListener next = say(voice, "The socket itself still works.");

        assertThat(silent.terminal()).isEqualTo(Terminal.COMPLETE);
        assertThat(embedded.requests()).hasSize(1);
        assertThat(next.terminal()).isEqualTo(Terminal.COMPLETE);
        assertThat(next.audioBytes()).isNotEqualTo(embedded.bytesPerRequest(8000));
        assertThat(cartesia.received())
                .anySatisfy(message ->
                        assertThat(message.path("cancel").asBoolean()).isTrue());
    }
}
