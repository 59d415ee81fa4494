package dev.voicebot.stt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.common.event.CallDirection;
import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.event.CallStarted;
import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.SpeechEnded;
import dev.voicebot.common.event.SpeechStarted;
import dev.voicebot.common.event.Transcript;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.common.kafka.EventRecords;
import dev.voicebot.common.kafka.HeaderNames;
import dev.voicebot.common.kafka.RecordHeaderValues;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.stt.corpus.Corpus;
import dev.voicebot.stt.vad.NoiseBursts;
import dev.voicebot.testsupport.KafkaTestBroker;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The worker as deployed (embedded recognizer, energy VAD) between a real broker's topics. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"voicebot.kafka.partitions=2", "spring.kafka.listener.concurrency=1"})
class SttWorkerKafkaIntegrationTest {

    private static final String ROUTE = "voicebot.gateway.gw-it";
    private static final int RATE = 8000;
    private static KafkaConsumer<String, byte[]> speech;
    private static KafkaConsumer<String, byte[]> route;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
        registry.add("spring.kafka.consumer.group-id", () -> "stt-it-" + UUID.randomUUID());
    }

    @Autowired
    KafkaTemplate<String, byte[]> template;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @BeforeAll
    static void subscribe() {
        speech = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaTestBroker.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "stt-it-reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        speech.subscribe(List.of(Topics.SPEECH));
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(ROUTE, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        }
        route = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        route.assign(List.of(new TopicPartition(ROUTE, 0)));
        route.seekToEnd(List.of(new TopicPartition(ROUTE, 0)));
        route.position(new TopicPartition(ROUTE, 0));
    }

    @AfterAll
    static void close() {
        speech.close();
        route.close();
    }

    @BeforeEach
    void listenerAssigned() {
        ContainerTestUtils.waitForAssignment(listeners.getListenerContainer(SttKafkaListener.LISTENER_ID), 4);
    }

    private void sendCall(String callSid, byte[] audio) throws Exception {
        template.send(EventRecords.of(
                        Topics.CALL_EVENTS,
                        new CallStarted(
                                callSid,
                                "ST-" + callSid,
                                "AC-1",
                                "+919876543210",
                                "+918000000000",
                                Map.of(),
                                RATE,
                                CallDirection.INBOUND,
                                ROUTE,
                                System.currentTimeMillis()),
                        ROUTE))
                .get(10, TimeUnit.SECONDS);
        long sequence = 0;
        for (int offset = 0; offset < audio.length; offset += 1600) {
            byte[] piece = Arrays.copyOfRange(audio, offset, Math.min(audio.length, offset + 1600));
            template.send(new AudioRecord(
                            callSid, piece, RATE, ++sequence, 0, false, System.currentTimeMillis() * 1000, ROUTE)
                    .toProducerRecord(Topics.AUDIO_IN));
        }
        template.flush();
    }

    /** The speech records of one call until its final transcript arrives. */
    private static List<ConsumerRecord<String, byte[]>> readUntilFinal(String callSid) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : speech.poll(Duration.ofMillis(200))) {
                if (!callSid.equals(record.key())) {
                    continue;
                }
                records.add(record);
                if (EventCodec.decode(record.value()) instanceof Transcript transcript && transcript.isFinal()) {
                    return records;
                }
            }
        }
        throw new AssertionError(
                "no final transcript for " + callSid + " within 30 s; got " + records.size() + " records");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void callerAudioInBecomesSpeechEventsAndATranscriptOutWithTheRoute() throws Exception {
        Corpus.Utterance utterance = Corpus.load().stream()
                .filter(u -> u.id().equals("in09"))
                .findFirst()
                .orElseThrow();
        sendCall("CA-it-1", concat(Pcm16.silence(RATE, 1000), utterance.audio().pcm(), Pcm16.silence(RATE, 1000)));

        List<ConsumerRecord<String, byte[]>> records = readUntilFinal("CA-it-1");
        List<VoicebotEvent> events =
                records.stream().map(r -> EventCodec.decode(r.value())).toList();

        assertThat(events).hasExactlyElementsOfTypes(SpeechStarted.class, SpeechEnded.class, Transcript.class);
        assertThat(((Transcript) events.get(2)).text()).isEqualTo(utterance.text());
        assertThat(records).allSatisfy(record -> {
            assertThat(RecordHeaderValues.text(record.headers(), HeaderNames.ROUTE))
                    .isEqualTo(ROUTE);
            assertThat(RecordHeaderValues.number(record.headers(), HeaderNames.AUDIO_OFFSET_MS, -1))
                    .isPositive();
            assertThat(RecordHeaderValues.number(record.headers(), HeaderNames.CAPTURED_AT, -1))
                    .isPositive();
        });
        assertThat(RecordHeaderValues.number(records.get(2).headers(), HeaderNames.TURN_STARTED_AT, -1))
                .isPositive();
    }

    @Test
    void onlyRealSpeechReachesTheGatewaysRouteAsABargeIn() throws Exception {
        Corpus.Utterance utterance = Corpus.load().stream()
                .filter(u -> u.id().equals("in09"))
                .findFirst()
                .orElseThrow();
        byte[] noises = concat(
                Pcm16.silence(RATE, 500),
                Pcm16.tone(RATE, 1000, 40, 0.9),
                Pcm16.silence(RATE, 500),
                Pcm16.tone(RATE, 220, 80, 0.3),
                Pcm16.silence(RATE, 500),
                NoiseBursts.cough(RATE, 250, 11),
                Pcm16.silence(RATE, 700));
        sendCall("CA-it-3", concat(noises, utterance.audio().pcm(), Pcm16.silence(RATE, 1000)));

        List<VoicebotEvent> speechEvents = readUntilFinal("CA-it-3").stream()
                .map(r -> EventCodec.decode(r.value()))
                .toList();
        assertThat(speechEvents).hasExactlyElementsOfTypes(SpeechStarted.class, SpeechEnded.class, Transcript.class);

        List<ConsumerRecord<String, byte[]>> routed = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            route.poll(Duration.ofMillis(200)).forEach(record -> {
                if (record.key().equals("CA-it-3")) {
                    routed.add(record);
                }
            });
        }
        assertThat(routed).singleElement().satisfies(record -> {
            assertThat(EventCodec.decode(record.value())).isEqualTo(speechEvents.getFirst());
            assertThat(RecordHeaderValues.text(record.headers(), HeaderNames.KIND))
                    .isEqualTo("event");
            assertThat(RecordHeaderValues.number(record.headers(), HeaderNames.CAPTURED_AT, -1))
                    .isPositive();
        });
        long speechFrom = noises.length / 2 * 1000L / RATE;
        assertThat(((SpeechStarted) speechEvents.getFirst()).audioOffsetMs()).isGreaterThanOrEqualTo(speechFrom);
    }

    @Test
    void anUndecodableAudioRecordIsSetAsideAndTheCallGoesOn() throws Exception {
        template.send(new ProducerRecord<>(Topics.AUDIO_IN, "CA-it-2", "odd".getBytes(StandardCharsets.US_ASCII)))
                .get(10, TimeUnit.SECONDS);
        Corpus.Utterance utterance = Corpus.load().stream()
                .filter(u -> u.id().equals("in15"))
                .findFirst()
                .orElseThrow();
        sendCall("CA-it-2", concat(Pcm16.silence(RATE, 600), utterance.audio().pcm(), Pcm16.silence(RATE, 1000)));

        List<ConsumerRecord<String, byte[]>> records = readUntilFinal("CA-it-2");
        assertThat(EventCodec.decode(records.getLast().value()))
                .isInstanceOfSatisfying(
                        Transcript.class, t -> assertThat(t.text()).isEqualTo(utterance.text()));
        template.send(EventRecords.of(
                        Topics.CALL_EVENTS,
                        new CallEnded(
                                "CA-it-2", CallEnded.Reason.CALLER_HUNG_UP, "callended", System.currentTimeMillis()),
                        ROUTE))
                .get(10, TimeUnit.SECONDS);
    }
}
