package dev.voicebot.llm.kafka;

import dev.voicebot.common.event.BotSegment;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.EventRecords;
import dev.voicebot.common.kafka.HeaderNames;
import dev.voicebot.common.kafka.RecordHeaderValues;
import dev.voicebot.common.kafka.SegmentKind;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.common.kafka.TurnStage;
import dev.voicebot.common.kafka.TurnTimeline;
import dev.voicebot.llm.conversation.BotOutput;
import dev.voicebot.llm.conversation.ConversationState;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Publishes a conversation's output. Sends are asynchronous; failures are logged per record. */
public final class KafkaBotOutput implements BotOutput {

    private static final Logger log = LoggerFactory.getLogger(KafkaBotOutput.class);

    private final KafkaTemplate<String, byte[]> template;

    public KafkaBotOutput(KafkaTemplate<String, byte[]> template) {
        this.template = template;
    }

    @Override
    public void bot(VoicebotEvent event, String route, long turnStartedAtMicros, Map<TurnStage, Long> stamps) {
        send(botRecord(event, route, turnStartedAtMicros, stamps));
    }

    @Override
    public void segment(
            BotSegment segment, SegmentKind kind, String route, long turnStartedAtMicros, Map<TurnStage, Long> stamps) {
        ProducerRecord<String, byte[]> record = botRecord(segment, route, turnStartedAtMicros, stamps);
        kind.mark(record.headers());
        send(record);
    }

    private static ProducerRecord<String, byte[]> botRecord(
            VoicebotEvent event, String route, long turnStartedAtMicros, Map<TurnStage, Long> stamps) {
        ProducerRecord<String, byte[]> record = EventRecords.of(Topics.BOT_SEGMENTS, event, route);
        if (turnStartedAtMicros > 0) {
            RecordHeaderValues.put(record.headers(), HeaderNames.TURN_STARTED_AT, turnStartedAtMicros);
        }
        stamps.forEach((stage, micros) -> TurnTimeline.stamp(record.headers(), stage, micros));
        if (event instanceof BotSegment segment && segment.sequence() == 0) {
            TurnTimeline.stamp(record.headers(), TurnStage.SEGMENT_SENT);
        }
        return record;
    }

    @Override
    public void gateway(VoicebotEvent command, String route) {
        if (!Topics.isGatewayRoute(route)) {
            log.warn(
                    "call {}: no gateway route known, cannot send {}",
                    command.callSid(),
                    command.getClass().getSimpleName());
            return;
        }
        send(EventRecords.of(route, command, route));
    }

    @Override
    public void state(String callSid, ConversationState state) {
        send(new ProducerRecord<>(Topics.CONVERSATION_STATE, callSid, state == null ? null : state.encode()));
    }

    @Override
    public void flush() {
        template.flush();
    }

    private void send(ProducerRecord<String, byte[]> record) {
        template.send(record).whenComplete((result, error) -> {
            if (error != null) {
                log.error("call {}: could not publish to {}: {}", record.key(), record.topic(), error.toString());
            }
        });
    }
}
