package dev.voicebot.stt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.SpeechEnded;
import dev.voicebot.common.event.SpeechStarted;
import dev.voicebot.common.event.Transcript;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.stt.corpus.Corpus;
import dev.voicebot.testsupport.KafkaTestBroker;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.utils.ContainerTestUtils;

/**
 * A worker stops while the caller is in the middle of a sentence, on a real broker with the
 * embedded recognizer: the worker that takes the call's partitions re-reads the audio before the
 * committed offset, so the sentence is recognized whole, and announced once.
 */
class TakeoverIntegrationTest {

    private final String group = "stt-it-takeover-" + UUID.randomUUID();
    private final DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer());
    private final KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(producers);
    private KafkaConsumer<String, byte[]> speech;
    private ConfigurableApplicationContext first;
    private ConfigurableApplicationContext second;

    @BeforeEach
    void start() {
        speech = WorkerCalls.speechReader();
        first = startWorker();
    }

    @AfterEach
    void stop() {
        if (second != null) {
            second.close();
        }
        if (first.isActive()) {
            first.close();
        }
        speech.close();
        producers.destroy();
    }

    @Test
    void aSentenceCutByAWorkerStoppingIsRecognizedWholeByTheNextOwner() throws Exception {
        String call = "CA-takeover-" + UUID.randomUUID().toString().substring(0, 8);
        Corpus.Utterance utterance = WorkerCalls.utterance("in09");
        byte[] pcm = utterance.audio().pcm();
        int cut = pcm.length * 11 / 20 / 1600 * 1600;

        WorkerCalls.start(template, call);
        long sequence = WorkerCalls.sendAudio(
                template, call, WorkerCalls.concat(Pcm16.silence(WorkerCalls.RATE, 1000), Arrays.copyOf(pcm, cut)), 0);
        List<ConsumerRecord<String, byte[]>> before =
                WorkerCalls.readUntil(speech, call, event -> event instanceof SpeechStarted);
        Thread.sleep(300); // the first worker takes the rest of what was sent

        first.close();
        second = startWorker();
        WorkerCalls.sendAudio(
                template,
                call,
                WorkerCalls.concat(Arrays.copyOfRange(pcm, cut, pcm.length), Pcm16.silence(WorkerCalls.RATE, 1500)),
                sequence);

        List<VoicebotEvent> after = WorkerCalls.readUntilFinal(speech, call).stream()
                .map(record -> EventCodec.decode(record.value()))
                .toList();
        assertThat(before).hasSize(1);
        assertThat(after)
                .as("the sentence was announced once, by the first worker")
                .hasExactlyElementsOfTypes(SpeechEnded.class, Transcript.class);
        assertThat(((Transcript) after.getLast()).text()).isEqualTo(utterance.text());
    }

    private ConfigurableApplicationContext startWorker() {
        ConfigurableApplicationContext worker = new SpringApplicationBuilder(SttWorkerApplication.class)
                .run(
                        "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                        "--spring.kafka.consumer.group-id=" + group,
                        "--spring.main.web-application-type=none",
                        "--voicebot.kafka.partitions=2",
                        "--spring.kafka.listener.concurrency=1");
        ContainerTestUtils.waitForAssignment(
                worker.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer(SttKafkaListener.LISTENER_ID),
                4);
        return worker;
    }
}
