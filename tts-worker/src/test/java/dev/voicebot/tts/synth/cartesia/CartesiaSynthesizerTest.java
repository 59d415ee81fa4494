package dev.voicebot.tts.synth.cartesia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicebot.common.event.EventCodec;
import dev.voicebot.tts.support.RecordingListener;
import dev.voicebot.tts.support.RecordingListener.Terminal;
import dev.voicebot.tts.synth.SynthesisException.Kind;
import dev.voicebot.tts.synth.SynthesisHandle;
import dev.voicebot.tts.synth.SynthesisRequest;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CartesiaSynthesizerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final OkHttpClient client = new OkHttpClient();
    private FakeCartesiaServer server;
    private CartesiaSynthesizer cartesia;

    @AfterEach
    void tearDown() throws Exception {
        if (cartesia != null) {
            cartesia.close();
        }
        client.dispatcher().executorService().shutdown();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sendsTheDocumentedGenerationRequestAndReturnsRawPcmAtTheCallRate() throws Exception {
        start(4, 5, FakeCartesiaServer.KEY);
        RecordingListener listener = new RecordingListener();

        cartesia.synthesize(SynthesisRequest.single("Hello there.", 8000), listener);

        assertThat(listener.awaitEnd(TIMEOUT)).isEqualTo(Terminal.COMPLETE);
        assertThat(listener.audioBytes()).isEqualTo(4 * 320);
        JsonNode request = server.received().get(0);
        assertThat(request.path("model_id").asString()).isEqualTo("sonic-2");
        assertThat(request.path("transcript").asString()).isEqualTo("Hello there.");
        assertThat(request.path("voice").path("mode").asString()).isEqualTo("id");
        assertThat(request.path("voice").path("id").asString()).isEqualTo("voice-1");
        assertThat(request.path("language").asString()).isEqualTo("en");
        assertThat(request.path("output_format").path("container").asString()).isEqualTo("raw");
        assertThat(request.path("output_format").path("encoding").asString()).isEqualTo("pcm_s16le");
        assertThat(request.path("output_format").path("sample_rate").asInt()).isEqualTo(8000);
        assertThat(request.path("continue").asBoolean()).isFalse();
        assertThat(request.path("context_id").asString()).isNotBlank();
        var handshake = server.handshakes().get(0);
        assertThat(handshake.getHeader("Cartesia-Version")).isEqualTo("2024-11-13");
        assertThat(handshake.getPath()).doesNotContain(FakeCartesiaServer.KEY);
    }

    @Test
    void piecesOfOneTurnContinueOneContextAndEachEndsAtItsFlush() throws Exception {
        start(3, 5, FakeCartesiaServer.KEY);

        RecordingListener first = new RecordingListener();
        cartesia.synthesize(new SynthesisRequest("Sure,", 16000, "CA1/turn-1", false), first);
        assertThat(first.awaitEnd(TIMEOUT)).isEqualTo(Terminal.COMPLETE);
        RecordingListener second = new RecordingListener();
        cartesia.synthesize(new SynthesisRequest("your table is booked.", 16000, "CA1/turn-1", true), second);
        assertThat(second.awaitEnd(TIMEOUT)).isEqualTo(Terminal.COMPLETE);

        List<JsonNode> messages = server.received();
        assertThat(messages).hasSize(3);
        String context = messages.get(0).path("context_id").asString();
        assertThat(messages)
                .allSatisfy(m -> assertThat(m.path("context_id").asString()).isEqualTo(context));
        assertThat(messages.get(0).path("transcript").asString()).isEqualTo("Sure, ");
        assertThat(messages.get(0).path("continue").asBoolean()).isTrue();
        assertThat(messages.get(1).path("transcript").asString()).isEmpty();
        assertThat(messages.get(1).path("flush").asBoolean()).isTrue();
        assertThat(messages.get(1).path("continue").asBoolean()).isTrue();
        assertThat(messages.get(1).path("model_id").asString())
                .as("every request repeats the model")
                .isEqualTo("sonic-2");
        assertThat(messages.get(2).path("transcript").asString()).isEqualTo("your table is booked.");
        assertThat(messages.get(2).path("continue").asBoolean()).isFalse();
        assertThat(first.audioBytes()).isEqualTo(3 * 640);
        assertThat(second.audioBytes()).isEqualTo(3 * 640);
    }

    @Test
    void aPieceArrivingAfterTheContextExpiredStartsANewContext() throws Exception {
        start(1, 5, FakeCartesiaServer.KEY);

        RecordingListener first = new RecordingListener();
        cartesia.synthesize(new SynthesisRequest("One moment,", 8000, "CA2/turn-1", false), first);
        first.awaitEnd(TIMEOUT);
        Thread.sleep(800);
        RecordingListener second = new RecordingListener();
        cartesia.synthesize(new SynthesisRequest("here it is.", 8000, "CA2/turn-1", true), second);

        assertThat(second.awaitEnd(TIMEOUT)).isEqualTo(Terminal.COMPLETE);
        List<JsonNode> messages = server.received();
        JsonNode last = messages.get(messages.size() - 1);
        assertThat(last.path("context_id").asString())
                .isNotEqualTo(messages.get(0).path("context_id").asString());
        assertThat(messages)
                .anySatisfy(m -> assertThat(m.path("cancel").asBoolean()).isTrue());
    }

    @Test
    void cancelSendsCancelForTheContextAndDropsLateChunks() throws Exception {
        start(40, 10, FakeCartesiaServer.KEY);
        RecordingListener listener = new RecordingListener();

        SynthesisHandle handle = cartesia.synthesize(SynthesisRequest.single("A long answer.", 8000), listener);
        assertThat(listener.awaitFirstAudio(TIMEOUT)).isTrue();
        handle.cancel();

        assertThat(listener.terminal()).isEqualTo(Terminal.CANCELLED);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(server.received())
                .anySatisfy(m -> assertThat(m.path("cancel").asBoolean()).isTrue()));
        JsonNode cancel = server.received().get(server.received().size() - 1);
        assertThat(cancel.path("context_id").asString())
                .isEqualTo(server.received().get(0).path("context_id").asString());
        Thread.sleep(200);
        assertThat(listener.violations()).isEmpty();
        assertThat(listener.audioBytes()).isLessThan(40 * 320);
    }

    @Test
    void aRejectedKeyIsAnAuthenticationErrorThatRetryingCannotFix() throws Exception {
        start(2, 5, "wrong-key");
        RecordingListener listener = new RecordingListener();

        cartesia.synthesize(SynthesisRequest.single("Hello.", 8000), listener);

        assertThat(listener.awaitEnd(TIMEOUT)).isEqualTo(Terminal.ERROR);
        assertThat(listener.error().kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(listener.error().retryable()).isFalse();
        assertThat(listener.error().getMessage()).contains("401").doesNotContain("wrong-key");
    }

    @Test
    void aSocketClosedMidStreamFailsThePieceAsRetryableAndTheNextPieceReconnects() throws Exception {
        start(5, 10, FakeCartesiaServer.KEY);
        RecordingListener broken = new RecordingListener();

        cartesia.synthesize(SynthesisRequest.single("This will be cut [close]", 8000), broken);

        assertThat(broken.awaitEnd(TIMEOUT)).isEqualTo(Terminal.ERROR);
        assertThat(broken.error().kind())
                .as("a 1011 close frame, or the connection's end if that is seen first")
                .isIn(Kind.SERVER, Kind.CONNECTIVITY);
        assertThat(broken.error().retryable()).isTrue();
        assertThat(broken.audioBytes()).isEqualTo(2 * 320);

        RecordingListener next = new RecordingListener();
        cartesia.synthesize(SynthesisRequest.single("Still here.", 8000), next);
        assertThat(next.awaitEnd(TIMEOUT)).isEqualTo(Terminal.COMPLETE);
        assertThat(server.handshakes()).hasSize(2);
    }

    @Test
    void anErrorMessageMidStreamEndsThatPieceOnlyWithItsClassification() throws Exception {
        start(5, 10, FakeCartesiaServer.KEY);
        RecordingListener failing = new RecordingListener();
        RecordingListener other = new RecordingListener();

        cartesia.synthesize(SynthesisRequest.single("Something odd [error]", 8000), failing);
        cartesia.synthesize(SynthesisRequest.single("Meanwhile, another call.", 8000), other);

        assertThat(failing.awaitEnd(TIMEOUT)).isEqualTo(Terminal.ERROR);
        assertThat(failing.error().kind()).isEqualTo(Kind.SERVER);
        assertThat(failing.error().getMessage()).contains("500", "internal_error");
        assertThat(other.awaitEnd(TIMEOUT)).isEqualTo(Terminal.COMPLETE);
        assertThat(other.audioBytes()).isEqualTo(5 * 320);
    }

    @Test
    void endingATurnBetweenPiecesCancelsItsOpenContext() throws Exception {
        start(2, 5, FakeCartesiaServer.KEY);
        RecordingListener first = new RecordingListener();
        cartesia.synthesize(new SynthesisRequest("Let me see,", 8000, "CA3/turn-4", false), first);
        first.awaitEnd(TIMEOUT);

        cartesia.endContext("CA3/turn-4");

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(server.received())
                .last()
                .satisfies(m -> assertThat(m.path("cancel").asBoolean()).isTrue()));
    }

    private void start(int chunks, int delayMillis, String key) throws Exception {
        server = new FakeCartesiaServer(chunks, delayMillis);
        cartesia = new CartesiaSynthesizer(client, server.settings(key), EventCodec.mapper());
    }
}
