package dev.voicebot.tts.synth.deepgram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.event.EventCodec;
import dev.voicebot.tts.support.RecordingListener;
import dev.voicebot.tts.support.RecordingListener.Terminal;
import dev.voicebot.tts.synth.SynthesisException.Kind;
import dev.voicebot.tts.synth.SynthesisRequest;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeepgramAuraSynthesizerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final OkHttpClient client = new OkHttpClient();
    private FakeDeepgramServer server;

    @AfterEach
    void tearDown() throws Exception {
        client.dispatcher().executorService().shutdown();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void postsTheDocumentedRequestAndStreamsRawLinear16AtTheCallRate() throws Exception {
        RecordingListener listener = speak(FakeDeepgramServer.KEY, "Your order has shipped.", 8000);

        assertThat(listener.awaitEnd(TIMEOUT)).isEqualTo(Terminal.COMPLETE);
        assertThat(listener.audioBytes()).isEqualTo(8000 * 2 * 300 / 1000);
        assertThat(listener.audioCalls()).as("streamed in pieces").isGreaterThan(1);
        var request = server.requests().get(0);
        HttpUrl url = request.getRequestUrl();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(url.encodedPath()).isEqualTo("/v1/speak");
        assertThat(url.queryParameter("model")).isEqualTo("aura-2-thalia-en");
        assertThat(url.queryParameter("encoding")).isEqualTo("linear16");
        assertThat(url.queryParameter("sample_rate")).isEqualTo("8000");
        assertThat(url.queryParameter("container")).isEqualTo("none");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    }

    @Test
    void aRateDeepgramDoesNotOfferIsRequestedAboveAndResampled() throws Exception {
        RecordingListener listener = speak(FakeDeepgramServer.KEY, "Hello.", 22050);

        assertThat(listener.awaitEnd(TIMEOUT)).isEqualTo(Terminal.COMPLETE);
        assertThat(server.requests().get(0).getRequestUrl().queryParameter("sample_rate"))
                .isEqualTo("24000");
        assertThat(listener.audioBytes()).isEqualTo((int) Math.ceil(24000 * 0.3 * 22050 / 24000.0) * 2);
    }

    @Test
    void aRejectedKeyIsAnAuthenticationError() throws Exception {
        RecordingListener listener = speak("wrong", "Hello.", 8000);

        assertThat(listener.awaitEnd(TIMEOUT)).isEqualTo(Terminal.ERROR);
        assertThat(listener.error().kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(listener.error().retryable()).isFalse();
        assertThat(listener.error().getMessage())
                .contains("401", "INVALID_AUTH")
                .doesNotContain("wrong");
    }

    @Test
    void rateLimitsAndServerErrorsAreRetryable() throws Exception {
        RecordingListener limited = speak(FakeDeepgramServer.KEY, "Busy [429]", 8000);
        RecordingListener failed = speak(FakeDeepgramServer.KEY, "Broken [500]", 8000);

        assertThat(limited.awaitEnd(TIMEOUT)).isEqualTo(Terminal.ERROR);
        assertThat(limited.error().kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failed.awaitEnd(TIMEOUT)).isEqualTo(Terminal.ERROR);
        assertThat(failed.error().kind()).isEqualTo(Kind.SERVER);
        assertThat(failed.error().retryable()).isTrue();
    }

    @Test
    void aConnectionDroppedMidAudioIsAConnectivityError() throws Exception {
        RecordingListener listener = speak(FakeDeepgramServer.KEY, "Cut off [drop]", 8000);

        assertThat(listener.awaitEnd(TIMEOUT)).isEqualTo(Terminal.ERROR);
        assertThat(listener.error().kind()).isEqualTo(Kind.CONNECTIVITY);
        assertThat(listener.error().retryable()).isTrue();
        assertThat(listener.audioBytes()).isLessThan(4800);
    }

    @Test
    void aWavHeaderIsNeverPlayedAsAudio() {
        var skipper = new WavHeaderSkipper();
        byte[] wav = dev.voicebot.common.audio.WavFile.toBytes(8000, new byte[] {1, 2, 3, 4, 5, 6});

        byte[] first = skipper.strip(java.util.Arrays.copyOf(wav, 20), 20);
        byte[] rest = skipper.strip(java.util.Arrays.copyOfRange(wav, 20, wav.length), wav.length - 20);

        assertThat(first).isEmpty();
        assertThat(rest).containsExactly(1, 2, 3, 4, 5, 6);
        var raw = new WavHeaderSkipper();
        assertThat(raw.strip(new byte[16], 16)).hasSize(16);
    }

    private RecordingListener speak(String key, String text, int rate) throws Exception {
        server = server == null ? new FakeDeepgramServer(300, 5) : server;
        var deepgram = new DeepgramAuraSynthesizer(
                client, new DeepgramSettings(server.baseUrl(), key, "aura-2-thalia-en"), EventCodec.mapper());
        RecordingListener listener = new RecordingListener();
        deepgram.synthesize(SynthesisRequest.single(text, rate), listener);
        return listener;
    }
}
