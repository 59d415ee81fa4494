package dev.voicebot.tts.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.testsupport.KafkaTestBroker;
import dev.voicebot.tts.TtsWorkerApplication;
import dev.voicebot.tts.support.TopicReader;
import dev.voicebot.tts.support.WorkerFixture;
import dev.voicebot.tts.synth.cache.CacheWarmer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The worker as deployed by default: MaryTTS behind the phrase cache, on a real broker. */
@SpringBootTest(
        classes = TtsWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.kafka.consumer.group-id=tts-worker-mary-it",
            "voicebot.kafka.partitions=2",
            "voicebot.tts.provider=auto",
            "voicebot.tts.cartesia.api-key=",
            "voicebot.tts.deepgram.api-key=",
            "voicebot.tts.mary.base-dir=target/marytts",
            "voicebot.tts.cache.prewarm-script=classpath:scripts/prewarm-test.yaml",
            "voicebot.tts.cache.prewarm-rates=8000,16000"
        })
@DirtiesContext
class MaryWorkerIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static String route;
    private static TopicReader routeReader;
    private static WorkerFixture llm;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
    }

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    CacheWarmer warmer;

    @Autowired
    @Qualifier("phraseCacheHealthIndicator")
    HealthIndicator phraseCacheHealth;

    @BeforeAll
    static void topics() throws Exception {
        route = WorkerFixture.createRoute("tts-mary-it-gateway");
        routeReader = new TopicReader(route);
        llm = new WorkerFixture();
    }

    @BeforeEach
    void workerListening() {
        WorkerFixture.awaitWorkerListening(listeners);
    }

    @AfterAll
    static void close() {
        routeReader.close();
        llm.close();
    }

    @Test
    void aBotLineIsSpokenByTheEmbeddedVoiceAtTheCallRate() throws Exception {
        llm.segment(route, "CA-mary", 1, 0, "Hello! Thanks for calling **City Clinic**.", true, 8000);

        List<AudioRecord> audio =
                WorkerFixture.audio(routeReader.readUntil("CA-mary", r -> WorkerFixture.turnEnded(r, 1), WAIT));

        byte[] pcm = joined(audio);
        assertThat(audio).allSatisfy(a -> assertThat(a.sampleRate()).isEqualTo(8000));
        assertThat(audio.size()).as("streamed in several records").isGreaterThan(3);
        assertThat(Pcm16.millisOf(pcm.length, 8000)).as("ms of speech").isBetween(1200.0, 6000.0);
        assertThat(Pcm16.dbfs(pcm)).as("speech level").isGreaterThan(-35);
    }

    @Test
    void aLineAlreadySpokenIsReplayedFromThePhraseCache() throws Exception {
        String greeting = "Welcome to City Clinic. How can I help you today?";
        llm.segment(route, "CA-first", 1, 0, greeting, true, 8000);
        byte[] first = joined(
                WorkerFixture.audio(routeReader.readUntil("CA-first", r -> WorkerFixture.turnEnded(r, 1), WAIT)));
        double hitsBefore =
                meters.get("tts.phrase.cache.hits").functionCounter().count();

        llm.segment(route, "CA-second", 1, 0, greeting, true, 8000);
        byte[] second = joined(
                WorkerFixture.audio(routeReader.readUntil("CA-second", r -> WorkerFixture.turnEnded(r, 1), WAIT)));

        assertThat(second).isEqualTo(first);
        assertThat(meters.get("tts.phrase.cache.hits").functionCounter().count())
                .isEqualTo(hitsBefore + 1);
        assertThat(meters.get("tts.phrase.cache.bytes").gauge().value()).isGreaterThan(first.length);
    }

    @Test
    void theScriptsLinesAreInThePhraseCacheAfterStartUpAtEveryCallRate() throws Exception {
        warmer.awaitFinished(Duration.ofSeconds(90));
        assertThat(warmer.piecesFailed()).isZero();
        assertThat(warmer.piecesWarmed())
                .as("the greeting's 2 segments, the goodbye, the no-match line and the default lines")
                .isGreaterThanOrEqualTo(4);
        assertThat(phraseCacheHealth.health().getStatus()).isEqualTo(Status.UP);
        double hitsBefore =
                meters.get("tts.phrase.cache.hits").functionCounter().count();

        // the greeting's first segment, as the llm-worker cuts it, on an 8 kHz call and a 16 kHz one
        llm.segment(route, "CA-warm-8", 1, 0, "Hello, and welcome to Test Clinic.", true, 8000);
        byte[] narrow = joined(
                WorkerFixture.audio(routeReader.readUntil("CA-warm-8", r -> WorkerFixture.turnEnded(r, 1), WAIT)));
        llm.segment(route, "CA-warm-16", 1, 0, "Hello, and welcome to Test Clinic.", true, 16000);
        List<AudioRecord> wide =
                WorkerFixture.audio(routeReader.readUntil("CA-warm-16", r -> WorkerFixture.turnEnded(r, 1), WAIT));

        assertThat(meters.get("tts.phrase.cache.hits").functionCounter().count())
                .isEqualTo(hitsBefore + 2);
        assertThat(wide).allSatisfy(a -> assertThat(a.sampleRate()).isEqualTo(16000));
        double narrowMs = Pcm16.millisOf(narrow.length, 8000);
        assertThat(Pcm16.millisOf(joined(wide).length, 16000))
                .as("the 8 kHz line is the 16 kHz one resampled")
                .isBetween(narrowMs - 20, narrowMs + 20);
        assertThat(Pcm16.dbfs(narrow)).as("speech level").isGreaterThan(-35);
    }

    private static byte[] joined(List<AudioRecord> audio) {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        audio.forEach(a -> pcm.writeBytes(a.pcm()));
        return pcm.toByteArray();
    }
}
