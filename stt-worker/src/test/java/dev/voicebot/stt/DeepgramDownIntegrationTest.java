package dev.voicebot.stt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.ProviderFailed;
import dev.voicebot.common.event.Transcript;
import dev.voicebot.stt.corpus.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker configured for Deepgram, whose server refuses every connection, with the embedded
 * recognizer as fallback, on a real broker: the call is told that Deepgram failed, then the
 * caller's words are recognized by PocketSphinx rather than lost. Neither the API key, the
 * caller's number nor what the caller said reaches the info log.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "voicebot.kafka.partitions=2",
            "spring.kafka.listener.concurrency=1",
            "voicebot.stt.provider=deepgram",
            "voicebot.stt.deepgram.api-key=" + DeepgramDownIntegrationTest.API_KEY,
            "voicebot.stt.fallback-to-embedded=true"
        })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class DeepgramDownIntegrationTest extends WorkerOnBroker {

    static final String API_KEY = "dg-test-key-5f1e9c";

    @DynamicPropertySource
    static void deepgramDown(DynamicPropertyRegistry registry) {
        registry.add("voicebot.stt.deepgram.url", () -> "ws://127.0.0.1:" + closedPort() + "/v1/listen");
    }

    @Test
    void aCallWhoseDeepgramSessionFailsIsRecognizedByTheEmbeddedRecognizer(CapturedOutput output) throws Exception {
        String call = "CA-dg-down";
        WorkerCalls.start(template, call);
        long sequence = WorkerCalls.sendAudio(template, call, Pcm16.silence(WorkerCalls.RATE, 500), 0);

        List<ConsumerRecord<String, byte[]>> failure = WorkerCalls.readUntil(
                speech,
                call,
                event -> event instanceof ProviderFailed failed
                        && failed.detail().contains("gave up"));
        ProviderFailed failed =
                (ProviderFailed) EventCodec.decode(failure.getLast().value());
        assertThat(failed.service()).isEqualTo("stt");
        assertThat(failed.provider()).isEqualTo("deepgram");
        assertThat(failed.retryable()).as("the call goes on").isTrue();

        Corpus.Utterance utterance = WorkerCalls.utterance("in09");
        WorkerCalls.sendAudio(
                template,
                call,
                WorkerCalls.concat(
                        Pcm16.silence(WorkerCalls.RATE, 500),
                        utterance.audio().pcm(),
                        Pcm16.silence(WorkerCalls.RATE, 1000)),
                sequence);

        List<ConsumerRecord<String, byte[]>> records = WorkerCalls.readUntilFinal(speech, call);
        assertThat(EventCodec.decode(records.getLast().value()))
                .isInstanceOfSatisfying(
                        Transcript.class, t -> assertThat(t.text()).isEqualTo(utterance.text()));
        assertThat(output.getAll())
                .as("the failure was logged")
                .contains("deepgram")
                .doesNotContain(API_KEY)
                .doesNotContain("9876543210")
                .doesNotContain(utterance.text());
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
