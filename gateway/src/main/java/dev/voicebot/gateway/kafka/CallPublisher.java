package dev.voicebot.gateway.kafka;

import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.common.kafka.EventRecords;
import dev.voicebot.common.kafka.HeaderNames;
import dev.voicebot.common.kafka.RecordHeaderValues;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.gateway.metrics.GatewayMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Publishes what the gateway's calls produce: caller audio to {@link Topics#AUDIO_IN}, call events
 * to {@link Topics#CALL_EVENTS}, every record keyed by {@code call_sid} with the call's route
 * header. Sends are asynchronous; a failed send is logged and counted, never thrown at the socket.
 */
public final class CallPublisher {

    private static final Logger log = LoggerFactory.getLogger(CallPublisher.class);

    private final KafkaTemplate<String, byte[]> template;
    private final GatewayMetrics metrics;

    public CallPublisher(KafkaTemplate<String, byte[]> template, GatewayMetrics metrics) {
        this.template = template;
        this.metrics = metrics;
    }

    public void event(VoicebotEvent event, String route) {
        event(Topics.CALL_EVENTS, event, route);
    }

    public void event(String topic, VoicebotEvent event, String route) {
        send(EventRecords.of(topic, event, route));
    }

    /** @param audioOffsetMs call audio before the record's first sample */
    public void audio(AudioRecord audio, long audioOffsetMs) {
        ProducerRecord<String, byte[]> record = audio.toProducerRecord(Topics.AUDIO_IN);
        RecordHeaderValues.put(record.headers(), HeaderNames.AUDIO_OFFSET_MS, audioOffsetMs);
        send(record);
    }

    /**
     * Parks a record the gateway cannot read on {@link Topics#DEAD_LETTERS}, with the same headers
     * spring-kafka's dead-letter recoverer writes.
     */
    public void deadLetter(ConsumerRecord<String, byte[]> original, Exception reason) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.DEAD_LETTERS, null, original.key(), original.value(), original.headers());
        record.headers().add(KafkaHeaders.DLT_ORIGINAL_TOPIC, original.topic().getBytes(StandardCharsets.UTF_8));
        record.headers()
                .add(
                        KafkaHeaders.DLT_ORIGINAL_PARTITION,
                        ByteBuffer.allocate(4).putInt(original.partition()).array());
        record.headers()
                .add(
                        KafkaHeaders.DLT_ORIGINAL_OFFSET,
                        ByteBuffer.allocate(8).putLong(original.offset()).array());
        record.headers()
                .add(
                        KafkaHeaders.DLT_EXCEPTION_FQCN,
                        reason.getClass().getName().getBytes(StandardCharsets.UTF_8));
        record.headers()
                .add(
                        KafkaHeaders.DLT_EXCEPTION_MESSAGE,
                        String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8));
        send(record);
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            template.send(record).whenComplete((result, failure) -> {
                if (failure != null) {
                    failed(record, failure);
                }
            });
        } catch (RuntimeException e) {
            failed(record, e);
        }
    }

    private void failed(ProducerRecord<String, byte[]> record, Throwable failure) {
        metrics.publishFailed(record.topic());
        log.warn("call {}: publishing to {} failed: {}", record.key(), record.topic(), failure.toString());
    }
}
