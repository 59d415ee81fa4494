package dev.voicebot.tts.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.common.script.StandardLines;
import dev.voicebot.testsupport.KafkaTestBroker;
import dev.voicebot.tts.TtsWorkerApplication;
import dev.voicebot.tts.support.TopicReader;
import dev.voicebot.tts.support.WorkerFixture;
import dev.voicebot.tts.synth.cache.CacheWarmer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker with a cloud voice (Deepgram) whose server refuses every connection, MaryTTS as the
 * fallback, on a real broker: the standby lines were warmed into the phrase cache at start-up after
 * the script's lines (by MaryTTS, the cloud being down), the apology plays from the cache at once,
 * and other lines are spoken by MaryTTS straight away because the cloud voice's breaker is open.
 * Neither the API key nor the text spoken reaches the info log.
 */
@SpringBootTest(
        classes = TtsWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.kafka.consumer.group-id=tts-worker-cloud-down-it",
            "voicebot.kafka.partitions=2",
            "voicebot.tts.provider=deepgram",
            "voicebot.tts.deepgram.api-key=" + CloudVoiceDownIntegrationTest.API_KEY,
            "voicebot.tts.fallback-to-embedded=true",
            "voicebot.tts.mary.base-dir=target/marytts",
            "voicebot.breaker.consecutive-failures=2",
            "voicebot.breaker.open-for=10m",
            "voicebot.tts.cache.prewarm-script=classpath:scripts/prewarm-test.yaml",
            "voicebot.tts.cache.prewarm-rates=8000"
        })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class CloudVoiceDownIntegrationTest {

    static final String API_KEY = "dg-tts-key-7a3c91";
    private static final String NEW_LINE = "Your appointment is on Tuesday at ten.";

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static String route;
    private static TopicReader routeReader;
    private static WorkerFixture llm;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
        registry.add("voicebot.tts.deepgram.url", () -> "http://127.0.0.1:" + closedPort());
    }

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    CacheWarmer warmer;

    @BeforeAll
    static void topics() throws Exception {
        route = WorkerFixture.createRoute("tts-cloud-down-it-gateway");
        routeReader = new TopicReader(route);
        llm = new WorkerFixture();
    }

    @BeforeEach
    void workerReady() throws Exception {
        WorkerFixture.awaitWorkerListening(listeners);
        warmer.awaitFinished(Duration.ofSeconds(120)); // the standby lines come last
        assertThat(warmer.piecesFailed()).isZero();
    }

    @AfterAll
    static void close() {
        routeReader.close();
        llm.close();
    }

    @Test
    void theApologyPlaysFromThePhraseCacheWhileTheCloudVoiceIsDown() throws Exception {
        double hitsBefore =
                meters.get("tts.phrase.cache.hits").functionCounter().count();
        long sent = System.nanoTime();

        llm.segment(route, "CA-apology", 2, 0, StandardLines.FALLBACK, true, 8000);

        routeReader.readUntil("CA-apology", records -> !records.isEmpty(), WAIT);
        long firstAudioMs = (System.nanoTime() - sent) / 1_000_000;
        List<AudioRecord> audio =
                WorkerFixture.audio(routeReader.readUntil("CA-apology", r -> WorkerFixture.turnEnded(r, 2), WAIT));
        System.out.printf(
                "cloud voice down: apology segment written -> first audio on the route topic %d ms%n", firstAudioMs);
        int bytes = audio.stream().mapToInt(a -> a.pcm().length).sum();
        assertThat(Pcm16.millisOf(bytes, 8000)).as("ms of apology").isGreaterThan(1500.0);
        assertThat(meters.get("tts.phrase.cache.hits").functionCounter().count())
                .isEqualTo(hitsBefore + 1);
        assertThat(meters.get("voicebot.provider.circuit.state")
                        .tag("provider", "deepgram")
                        .gauge()
                        .value())
                .as("the cloud voice's breaker is open")
                .isEqualTo(2);
    }

    @Test
    void aNewLineIsSpokenByTheEmbeddedVoiceWithoutWaitingForTheCloud(CapturedOutput output) throws Exception {
        long sent = System.nanoTime();
        llm.segment(route, "CA-new-line", 1, 0, NEW_LINE, true, 8000);

        routeReader.readUntil("CA-new-line", records -> !records.isEmpty(), WAIT);
        System.out.printf(
                "cloud voice down, breaker open: new line written -> first MaryTTS audio on the route topic %d ms%n",
                (System.nanoTime() - sent) / 1_000_000);
        List<AudioRecord> audio =
                WorkerFixture.audio(routeReader.readUntil("CA-new-line", r -> WorkerFixture.turnEnded(r, 1), WAIT));

        int bytes = audio.stream().mapToInt(a -> a.pcm().length).sum();
        assertThat(Pcm16.millisOf(bytes, 8000)).as("ms of speech").isGreaterThan(1000.0);
        assertThat(output.getAll())
                .as("the cloud voice's failures were logged")
                .containsIgnoringCase("deepgram")
                .doesNotContain(API_KEY)
                .doesNotContain(NEW_LINE)
                .doesNotContain(StandardLines.FALLBACK);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
