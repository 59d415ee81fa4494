package dev.voicebot.tts.worker;

import dev.voicebot.common.event.ProviderFailed;
import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.common.kafka.EventRecords;
import dev.voicebot.common.kafka.HeaderNames;
import dev.voicebot.common.kafka.RecordHeaderValues;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.common.kafka.TurnStage;
import dev.voicebot.common.kafka.TurnTimeline;
import dev.voicebot.tts.synth.SynthesisException;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes the worker's output: audio records to the call's gateway route topic (keyed by call, so
 * in order per call), and {@link ProviderFailed} events to {@link Topics#CALL_EVENTS}, the topic
 * every service of a call reads, with the call's route.
 */
public class AudioPublisher {

    private static final Logger log = LoggerFactory.getLogger(AudioPublisher.class);

    private final KafkaTemplate<String, byte[]> template;

    public AudioPublisher(KafkaTemplate<String, byte[]> template) {
        this.template = template;
    }

    void publishAudio(SegmentOrder order, long sequence, byte[] pcm, boolean last) {
        AudioRecord audio = new AudioRecord(
                order.callSid(), pcm, order.sampleRate(), sequence, order.turn(), last, nowMicros(), order.route());
        ProducerRecord<String, byte[]> record = audio.toProducerRecord(order.route());
        if (order.turnStartedAtMicros() > 0) {
            RecordHeaderValues.put(record.headers(), HeaderNames.TURN_STARTED_AT, order.turnStartedAtMicros());
        }
        order.stamps().forEach((stage, micros) -> TurnTimeline.stamp(record.headers(), stage, micros));
        if (sequence == 0) {
            TurnTimeline.stamp(record.headers(), TurnStage.TTS_FIRST_AUDIO, audio.capturedAtMicros());
        }
        try {
            template.send(record).whenComplete((result, error) -> {
                if (error != null) {
                    warnUnsent(order, error);
                }
            });
        } catch (RuntimeException e) {
            // Called from synthesizer threads shared by many calls: one call's failed send must not escape.
            warnUnsent(order, e);
        }
    }

    private static void warnUnsent(SegmentOrder order, Throwable error) {
        log.warn(
                "audio of call {} turn {} could not be written to {}: {}",
                order.callSid(),
                order.turn(),
                order.route(),
                error.getMessage());
    }

    void publishFailure(SegmentOrder order, String provider, SynthesisException error) {
        var event = new ProviderFailed(
                order.callSid(), "tts", provider, error.getMessage(), error.retryable(), System.currentTimeMillis());
        try {
            template.send(EventRecords.of(Topics.CALL_EVENTS, event, order.route()));
        } catch (RuntimeException e) {
            log.warn("ProviderFailed of call {} could not be written: {}", order.callSid(), e.getMessage());
        }
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
