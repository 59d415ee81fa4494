package dev.voicebot.stt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.SpeechEnded;
import dev.voicebot.common.event.SpeechStarted;
import dev.voicebot.common.event.Transcript;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.EventRecords;
import dev.voicebot.common.kafka.HeaderNames;
import dev.voicebot.common.kafka.RecordHeaderValues;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.stt.corpus.Corpus;
import dev.voicebot.stt.vad.NoiseBursts;
import dev.voicebot.testsupport.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** The worker as deployed (embedded recognizer, energy VAD) between a real broker's topics. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"voicebot.kafka.partitions=2", "spring.kafka.listener.concurrency=1"})
@DirtiesContext // a worker left running would take later tests' calls too
class SttWorkerKafkaIntegrationTest extends WorkerOnBroker {

    private static KafkaConsumer<String, byte[]> route;

    @BeforeAll
    static void readTheGatewaysRoute() {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(WorkerCalls.ROUTE, 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        }
        TopicPartition partition = new TopicPartition(WorkerCalls.ROUTE, 0);
        route = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        route.assign(List.of(partition));
        route.seekToEnd(List.of(partition));
        route.position(partition);
    }

    @AfterAll
    static void closeTheRouteReader() {
        route.close();
    }

    private void sendCall(String callSid, byte[] audio) throws Exception {
        WorkerCalls.start(template, callSid);
        WorkerCalls.sendAudio(template, callSid, audio, 0);
    }

    @Test
    void callerAudioInBecomesSpeechEventsAndATranscriptOutWithTheRoute() throws Exception {
        Corpus.Utterance utterance = WorkerCalls.utterance("in09");
        sendCall(
                "CA-it-1",
                WorkerCalls.concat(
                        Pcm16.silence(WorkerCalls.RATE, 1000),
                        utterance.audio().pcm(),
                        Pcm16.silence(WorkerCalls.RATE, 1000)));

        List<ConsumerRecord<String, byte[]>> records = WorkerCalls.readUntilFinal(speech, "CA-it-1");
        List<VoicebotEvent> events =
                records.stream().map(r -> EventCodec.decode(r.value())).toList();

        assertThat(events).hasExactlyElementsOfTypes(SpeechStarted.class, SpeechEnded.class, Transcript.class);
        assertThat(((Transcript) events.get(2)).text()).isEqualTo(utterance.text());
        assertThat(records).allSatisfy(record -> {
            assertThat(RecordHeaderValues.text(record.headers(), HeaderNames.ROUTE))
                    .isEqualTo(WorkerCalls.ROUTE);
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
        Corpus.Utterance utterance = WorkerCalls.utterance("in09");
        byte[] noises = WorkerCalls.concat(
                Pcm16.silence(WorkerCalls.RATE, 500),
                Pcm16.tone(WorkerCalls.RATE, 1000, 40, 0.9),
                Pcm16.silence(WorkerCalls.RATE, 500),
                Pcm16.tone(WorkerCalls.RATE, 220, 80, 0.3),
                Pcm16.silence(WorkerCalls.RATE, 500),
                NoiseBursts.cough(WorkerCalls.RATE, 250, 11),
                Pcm16.silence(WorkerCalls.RATE, 700));
        sendCall("CA-it-3", WorkerCalls.concat(noises, utterance.audio().pcm(), Pcm16.silence(WorkerCalls.RATE, 1000)));

        List<VoicebotEvent> speechEvents = WorkerCalls.readUntilFinal(speech, "CA-it-3").stream()
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
        long speechFrom = noises.length / 2 * 1000L / WorkerCalls.RATE;
        assertThat(((SpeechStarted) speechEvents.getFirst()).audioOffsetMs()).isGreaterThanOrEqualTo(speechFrom);
    }

    @Test
    void anUndecodableAudioRecordIsSetAsideAndTheCallGoesOn() throws Exception {
        template.send(new ProducerRecord<>(Topics.AUDIO_IN, "CA-it-2", "odd".getBytes(StandardCharsets.US_ASCII)))
                .get(10, TimeUnit.SECONDS);
        Corpus.Utterance utterance = WorkerCalls.utterance("in15");
        sendCall(
                "CA-it-2",
                WorkerCalls.concat(
                        Pcm16.silence(WorkerCalls.RATE, 600),
                        utterance.audio().pcm(),
                        Pcm16.silence(WorkerCalls.RATE, 1000)));

        List<ConsumerRecord<String, byte[]>> records = WorkerCalls.readUntilFinal(speech, "CA-it-2");
        assertThat(EventCodec.decode(records.getLast().value()))
                .isInstanceOfSatisfying(
                        Transcript.class, t -> assertThat(t.text()).isEqualTo(utterance.text()));
        template.send(EventRecords.of(
                        Topics.CALL_EVENTS,
                        new CallEnded(
                                "CA-it-2", CallEnded.Reason.CALLER_HUNG_UP, "callended", System.currentTimeMillis()),
                        WorkerCalls.ROUTE))
                .get(10, TimeUnit.SECONDS);
    }
}
