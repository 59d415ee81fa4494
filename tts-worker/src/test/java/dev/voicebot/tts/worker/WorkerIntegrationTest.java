package dev.voicebot.tts.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.ProviderFailed;
import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.common.kafka.HeaderNames;
import dev.voicebot.common.kafka.RecordHeaderValues;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.testsupport.KafkaTestBroker;
import dev.voicebot.tts.TtsWorkerApplication;
import dev.voicebot.tts.support.ScriptedSynthesizer;
import dev.voicebot.tts.support.TopicReader;
import dev.voicebot.tts.support.WorkerFixture;
import dev.voicebot.tts.synth.SpeechSynthesizer;
import dev.voicebot.tts.synth.SynthesisRequest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker on a real broker, with a scripted voice whose timing the tests control: each piece of
 * text is 8 chunks of 40 ms of audio, one every 40 ms (real time, so a turn can be cancelled while
 * it is being spoken).
 */
@SpringBootTest(
        classes = {TtsWorkerApplication.class, WorkerIntegrationTest.ScriptedVoice.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.kafka.consumer.group-id=tts-worker-it",
            "voicebot.kafka.partitions=2",
            "voicebot.tts.provider=marytts",
            "voicebot.tts.max-piece-chars=120",
            // the scripted voice's timing belongs to the tests: no script lines spoken through it at start-up
            "voicebot.tts.cache.prewarm=false"
        })
@DirtiesContext
class WorkerIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static String route;
    private static TopicReader routeReader;
    private static TopicReader callEvents;
    private static TopicReader deadLetters;
    private static WorkerFixture llm;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
    }

    @Autowired
    ScriptedSynthesizer voice;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @BeforeAll
    static void topics() throws Exception {
        route = WorkerFixture.createRoute("tts-it-gateway");
        routeReader = new TopicReader(route);
        llm = new WorkerFixture();
    }

    @BeforeEach
    void workerListening() {
        WorkerFixture.awaitWorkerListening(listeners);
        if (callEvents == null) {
            callEvents = new TopicReader(Topics.CALL_EVENTS);
            deadLetters = new TopicReader(Topics.DEAD_LETTERS);
        }
    }

    @AfterAll
    static void close() {
        routeReader.close();
        callEvents.close();
        deadLetters.close();
        llm.close();
    }

    @Test
    void segmentsOfATurnBecomeAudioRecordsOnTheRouteTopicInOrder() throws Exception {
        String call = "CA-order";
        llm.segment(route, call, 1, 0, "Sure,", false, 8000);
        llm.segment(route, call, 1, 1, "your table for two is booked", false, 8000);
        llm.segment(route, call, 1, 2, "for Friday at eight.", true, 8000);

        List<ConsumerRecord<String, byte[]>> records =
                routeReader.readUntil(call, r -> WorkerFixture.turnEnded(r, 1), WAIT);

        List<AudioRecord> audio = WorkerFixture.audio(records);
        assertThat(audio)
                .extracting(AudioRecord::sequence)
                .containsExactlyElementsOf(
                        LongStream.range(0, audio.size()).boxed().toList());
        assertThat(audio).allSatisfy(a -> {
            assertThat(a.turn()).isEqualTo(1);
            assertThat(a.sampleRate()).isEqualTo(8000);
            assertThat(a.route()).isEqualTo(route);
            assertThat(a.capturedAtMicros()).isPositive();
        });
        assertThat(audio).filteredOn(AudioRecord::last).hasSize(1);
        assertThat(audio.get(audio.size() - 1).last()).isTrue();
        assertThat(audio.stream().mapToInt(a -> a.pcm().length).sum()).isEqualTo(3 * voice.bytesPerRequest(8000));
        assertThat(RecordHeaderValues.number(records.get(0).headers(), HeaderNames.TURN_STARTED_AT, 0))
                .isEqualTo(1_700_000_000_000_000L);
        assertThat(voice.requests())
                .filteredOn(r -> r.contextKey().startsWith(call))
                .extracting(SynthesisRequest::endsContext)
                .containsExactly(false, false, true);
    }

    @Test
    void callsSpokenAtTheSameTimeEachKeepTheirOwnOrder() throws Exception {
        for (int sequence = 0; sequence < 3; sequence++) {
            for (String call : List.of("CA-a", "CA-b", "CA-c")) {
                llm.segment(route, call, 7, sequence, "Piece " + sequence + ".", sequence == 2, 16000);
            }
        }

        for (String call : List.of("CA-a", "CA-b", "CA-c")) {
            List<AudioRecord> audio =
                    WorkerFixture.audio(routeReader.readUntil(call, r -> WorkerFixture.turnEnded(r, 7), WAIT));
            assertThat(audio)
                    .extracting(AudioRecord::sequence)
                    .containsExactlyElementsOf(
                            LongStream.range(0, audio.size()).boxed().toList());
            assertThat(audio.stream().mapToInt(a -> a.pcm().length).sum()).isEqualTo(3 * voice.bytesPerRequest(16000));
        }
    }

    @Test
    void aCancelledTurnStopsAtOnceDropsItsWaitingSegmentsAndTheCallGoesOn() throws Exception {
        String call = "CA-barge";
        llm.segment(route, call, 2, 0, "Let me tell you about all our offers.", false, 8000);
        llm.segment(route, call, 2, 1, "First, there is the family plan.", false, 8000);
        llm.segment(route, call, 2, 2, "Second, the student plan.", true, 8000);
        routeReader.readUntil(call, r -> !r.isEmpty(), WAIT);

        llm.cancel(route, call, 2);

        List<ConsumerRecord<String, byte[]>> turn2 = routeReader.readFor(call, Duration.ofMillis(1500));
        int spoken = turn2.stream().mapToInt(r -> r.value().length).sum();
        assertThat(spoken).as("audio of turn 2").isLessThan(voice.bytesPerRequest(8000));
        assertThat(WorkerFixture.turnEnded(turn2, 2))
                .as("a cancelled turn gets no last record")
                .isFalse();
        assertThat(voice.requests())
                .filteredOn(r -> r.contextKey().equals(call + "/turn-2"))
                .as("waiting segments were never synthesized")
                .hasSize(1);
        assertThat(voice.cancels()).isPositive();
        assertThat(meters.get("tts.cancel.reaction").timer().count()).isPositive();

        llm.segment(route, call, 3, 0, "Sorry, go ahead.", true, 8000);
        List<AudioRecord> after =
                WorkerFixture.audio(routeReader.readUntil(call, r -> WorkerFixture.turnEnded(r, 3), WAIT));
        assertThat(after)
                .filteredOn(a -> a.turn() == 3)
                .first()
                .extracting(AudioRecord::sequence)
                .isEqualTo(0L);
        assertThat(after.stream().filter(a -> a.turn() == 2).count()).isEqualTo(turn2.size());
    }

    @Test
    void aSegmentOfAnAlreadyCancelledTurnIsNeverSpoken() throws Exception {
        String call = "CA-late";
        llm.cancel(route, call, 4);
        llm.segment(route, call, 4, 0, "Too late.", true, 8000);
        llm.segment(route, call, 5, 0, "Next turn.", true, 8000);

        List<AudioRecord> audio =
                WorkerFixture.audio(routeReader.readUntil(call, r -> WorkerFixture.turnEnded(r, 5), WAIT));

        assertThat(audio).extracting(AudioRecord::turn).containsOnly(5);
    }

    @Test
    void aVendorErrorMidSegmentClosesTheTurnAndIsReportedOnCallEvents() throws Exception {
        String call = "CA-error";
        llm.segment(route, call, 1, 0, "This breaks fail-midway", false, 8000);
        llm.segment(route, call, 1, 1, "and this is never said.", true, 8000);

        List<AudioRecord> audio =
                WorkerFixture.audio(routeReader.readUntil(call, r -> WorkerFixture.turnEnded(r, 1), WAIT));
        List<ConsumerRecord<String, byte[]>> failures = callEvents.readUntil(call, r -> !r.isEmpty(), WAIT);

        AudioRecord closing = audio.get(audio.size() - 1);
        assertThat(closing.last()).isTrue();
        assertThat(closing.pcm())
                .as("nothing of the broken piece after the error")
                .isEmpty();
        assertThat(audio.stream().mapToInt(a -> a.pcm().length).sum()).isLessThanOrEqualTo(2 * 640);
        ProviderFailed failed =
                (ProviderFailed) EventCodec.decode(failures.get(0).value());
        assertThat(failed.service()).isEqualTo("tts");
        assertThat(failed.provider()).isEqualTo("scripted");
        assertThat(failed.retryable()).isTrue();
        assertThat(RecordHeaderValues.text(failures.get(0).headers(), HeaderNames.ROUTE))
                .isEqualTo(route);
        assertThat(voice.requests())
                .filteredOn(r -> r.contextKey().startsWith(call))
                .hasSize(1);
    }

    @Test
    void aSegmentWithoutARouteIsDeadLetteredAndTheNextOneIsStillSpoken() throws Exception {
        String call = "CA-noroute";
        var unroutable = EventCodec.encode(new dev.voicebot.common.event.BotSegment(
                call, 1, 0, "Nobody hears this.", true, 8000, System.currentTimeMillis()));
        llm.sendRaw(new ProducerRecord<>(Topics.BOT_SEGMENTS, call, unroutable));
        llm.segment(route, call, 2, 0, "Hello.", true, 8000);

        List<ConsumerRecord<String, byte[]>> dead = deadLetters.readUntil(call, r -> !r.isEmpty(), WAIT);
        List<AudioRecord> audio =
                WorkerFixture.audio(routeReader.readUntil(call, r -> WorkerFixture.turnEnded(r, 2), WAIT));

        assertThat(new String(
                        dead.get(0)
                                .headers()
                                .lastHeader("kafka_dlt-exception-message")
                                .value(),
                        StandardCharsets.UTF_8))
                .contains("vb-route");
        assertThat(audio).extracting(AudioRecord::turn).containsOnly(2);
    }

    @Test
    void textWithNothingToSayClosesTheTurnWithoutSynthesis() throws Exception {
        String call = "CA-empty";
        llm.segment(route, call, 1, 0, "<break time=\"1s\"/> **  ** 😀", true, 8000);

        List<AudioRecord> audio =
                WorkerFixture.audio(routeReader.readUntil(call, r -> WorkerFixture.turnEnded(r, 1), WAIT));

        assertThat(audio).hasSize(1);
        assertThat(audio.get(0).pcm()).isEmpty();
        assertThat(voice.requests()).noneMatch(r -> r.contextKey().startsWith(call));
    }

    @Test
    void longTextIsSpokenInSentencePiecesOfOneContext() throws Exception {
        String call = "CA-long";
        String text = IntStream.range(0, 8)
                .mapToObj(i -> "This is sentence " + i + " of a rather long answer from the bot.")
                .reduce((a, b) -> a + " " + b)
                .orElseThrow();
        llm.segment(route, call, 1, 0, "**" + text + "**", true, 8000);

        routeReader.readUntil(call, r -> WorkerFixture.turnEnded(r, 1), WAIT);

        List<SynthesisRequest> pieces = voice.requests().stream()
                .filter(r -> r.contextKey().startsWith(call))
                .toList();
        assertThat(pieces).hasSizeGreaterThan(2);
        assertThat(pieces).allSatisfy(p -> assertThat(p.text().length()).isLessThanOrEqualTo(120));
        assertThat(String.join(" ", pieces.stream().map(SynthesisRequest::text).toList()))
                .isEqualTo(text);
        assertThat(pieces).extracting(SynthesisRequest::endsContext).containsOnlyOnce(true);
        assertThat(pieces.get(pieces.size() - 1).endsContext()).isTrue();
    }

    @TestConfiguration
    static class ScriptedVoice {

        @Bean(destroyMethod = "close")
        ScriptedSynthesizer scriptedSynthesizer() {
            return new ScriptedSynthesizer("scripted", 8, 40, 40);
        }

        @Bean
        @Primary
        SpeechSynthesizer scriptedVoice(ScriptedSynthesizer scripted) {
            return scripted;
        }
    }
}
