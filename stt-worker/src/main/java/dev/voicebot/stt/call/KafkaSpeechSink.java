package dev.voicebot.stt.call;

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

/** Publishes speech events to {@link Topics#SPEECH}, keyed by call, with the route and timing headers. */
public final class KafkaSpeechSink implements SpeechSink {

    private static final Logger log = LoggerFactory.getLogger(KafkaSpeechSink.class);

    private final KafkaTemplate<String, byte[]> template;

    public KafkaSpeechSink(KafkaTemplate<String, byte[]> template) {
        this.template = template;
    }

    @Override
    public void publish(VoicebotEvent event, EventTiming timing) {
        ProducerRecord<String, byte[]> record = EventRecords.of(Topics.SPEECH, event, timing.route());
        RecordHeaderValues.put(record.headers(), HeaderNames.AUDIO_OFFSET_MS, timing.audioOffsetMs());
        if (timing.capturedAtMicros() > 0) {
            RecordHeaderValues.put(record.headers(), HeaderNames.CAPTURED_AT, timing.capturedAtMicros());
        }
        if (timing.turnEndedAtMicros() > 0) {
            RecordHeaderValues.put(record.headers(), HeaderNames.TURN_STARTED_AT, timing.turnEndedAtMicros());
            TurnTimeline.stamp(record.headers(), TurnStage.SPEECH_ENDED, timing.turnEndedAtMicros());
        }
        if (event instanceof Transcript transcript && transcript.isFinal()) {
            TurnTimeline.stamp(record.headers(), TurnStage.TRANSCRIPT_SENT);
        }
        template.send(record).whenComplete((result, failure) -> {
            if (failure != null) {
                log.error(
                        "call {}: could not publish {} to {}: {}",
                        event.callSid(),
                        event.getClass().getSimpleName(),
                        Topics.SPEECH,
                        failure.getMessage());
            }
        });
    }
}
