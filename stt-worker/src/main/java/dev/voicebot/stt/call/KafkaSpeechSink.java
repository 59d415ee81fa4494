package dev.voicebot.stt.call;

import dev.voicebot.common.event.SpeechStarted;
import dev.voicebot.common.event.Transcript;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.EventRecords;
import dev.voicebot.common.kafka.HeaderNames;
import dev.voicebot.common.kafka.RecordHeaderValues;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.common.kafka.TurnStage;
import dev.voicebot.common.kafka.TurnTimeline;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes speech events to {@link Topics#SPEECH}, keyed by call, with the route and timing
 * headers. {@link SpeechStarted} also goes straight to the call's route topic: the gateway holding
 * the socket cuts the bot off at once (barge-in) instead of waiting for the conversation to react,
 * which costs two more Kafka hops; the conversation still cancels its turn from the copy on {@link
 * Topics#SPEECH}.
 */
public final class KafkaSpeechSink implements SpeechSink {

    private static final Logger log = LoggerFactory.getLogger(KafkaSpeechSink.class);

    private final KafkaTemplate<String, byte[]> template;

    public KafkaSpeechSink(KafkaTemplate<String, byte[]> template) {
        this.template = template;
    }

    @Override
    public void publish(VoicebotEvent event, EventTiming timing) {
        if (event instanceof SpeechStarted && Topics.isGatewayRoute(timing.route())) {
            send(event, withTiming(EventRecords.of(timing.route(), event, timing.route()), timing));
        }
        ProducerRecord<String, byte[]> record =
                withTiming(EventRecords.of(Topics.SPEECH, event, timing.route()), timing);
        if (event instanceof Transcript transcript && transcript.isFinal()) {
            TurnTimeline.stamp(record.headers(), TurnStage.TRANSCRIPT_SENT);
        }
        send(event, record);
    }

    private static ProducerRecord<String, byte[]> withTiming(
            ProducerRecord<String, byte[]> record, EventTiming timing) {
        RecordHeaderValues.put(record.headers(), HeaderNames.AUDIO_OFFSET_MS, timing.audioOffsetMs());
        if (timing.capturedAtMicros() > 0) {
            RecordHeaderValues.put(record.headers(), HeaderNames.CAPTURED_AT, timing.capturedAtMicros());
        }
        if (timing.turnEndedAtMicros() > 0) {
            RecordHeaderValues.put(record.headers(), HeaderNames.TURN_STARTED_AT, timing.turnEndedAtMicros());
            TurnTimeline.stamp(record.headers(), TurnStage.SPEECH_ENDED, timing.turnEndedAtMicros());
        }
        return record;
    }

    private void send(VoicebotEvent event, ProducerRecord<String, byte[]> record) {
        template.send(record).whenComplete((result, failure) -> {
            if (failure != null) {
                log.error(
                        "call {}: could not publish {} to {}: {}",
                        event.callSid(),
                        event.getClass().getSimpleName(),
                        record.topic(),
                        failure.getMessage());
            }
        });
    }
}
