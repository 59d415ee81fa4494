package dev.voicebot.tts.worker;

import dev.voicebot.common.event.BotSegment;
import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.TurnCancelled;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.HeaderNames;
import dev.voicebot.common.kafka.RecordHeaderValues;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.common.kafka.TurnStage;
import dev.voicebot.common.kafka.TurnTimeline;
import dev.voicebot.common.kafka.UndecodableRecordException;
import dev.voicebot.tts.synth.SynthesisRequest;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Reads {@link Topics#BOT_SEGMENTS}: bot segments are queued for synthesis and turn cancellations
 * applied, both without waiting for any synthesis. Other events on the topic (bot actions) are not
 * this worker's business and are skipped.
 *
 * <p>A segment that cannot be delivered is a dead letter: without a {@code vb-route} header naming
 * a gateway route topic there is nobody to send its audio to, and a sample rate outside 8-48 kHz is
 * not a call's. Such a record is rejected with {@link UndecodableRecordException}, which the shared
 * error handler sends to {@link Topics#DEAD_LETTERS} at once (kept for diagnosis, never retried,
 * never blocking the partition).
 */
public class SegmentConsumer {

    private static final Logger log = LoggerFactory.getLogger(SegmentConsumer.class);

    private final SynthesisDispatcher dispatcher;

    public SegmentConsumer(SynthesisDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @KafkaListener(
            id = "tts-segments",
            // the group is spring.kafka.consumer.group-id (TTS_WORKER_GROUP), not the listener's id
            idIsGroup = false,
            topics = Topics.BOT_SEGMENTS,
            concurrency = "${voicebot.tts.consumer-threads:2}")
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        long receivedAt = System.nanoTime();
        VoicebotEvent event = EventCodec.decode(record.value());
        switch (event) {
            case BotSegment segment -> dispatcher.submit(order(segment, record, receivedAt));
            case TurnCancelled cancelled ->
                dispatcher.cancel(cancelled.callSid(), cancelled.turn(), receivedAt, record.timestamp());
            default -> log.debug("skipping {} on {}", event.getClass().getSimpleName(), Topics.BOT_SEGMENTS);
        }
    }

    private static SegmentOrder order(BotSegment segment, ConsumerRecord<String, byte[]> record, long receivedAt) {
        if (segment.callSid() == null || segment.callSid().isBlank()) {
            throw new UndecodableRecordException("bot segment without a callSid");
        }
        String route = RecordHeaderValues.text(record.headers(), HeaderNames.ROUTE);
        if (!Topics.isGatewayRoute(route)) {
            throw new UndecodableRecordException("bot segment of call " + segment.callSid() + " turn " + segment.turn()
                    + " has no gateway route in its " + HeaderNames.ROUTE + " header (found '" + route
                    + "'), so its audio could not reach the call");
        }
        if (segment.sampleRate() < SynthesisRequest.MIN_SAMPLE_RATE
                || segment.sampleRate() > SynthesisRequest.MAX_SAMPLE_RATE) {
            throw new UndecodableRecordException("bot segment of call " + segment.callSid() + " asks for "
                    + segment.sampleRate() + " Hz audio; calls run at " + SynthesisRequest.MIN_SAMPLE_RATE + "-"
                    + SynthesisRequest.MAX_SAMPLE_RATE + " Hz");
        }
        long turnStartedAt = RecordHeaderValues.number(record.headers(), HeaderNames.TURN_STARTED_AT, 0);
        BotSegment withText = segment.text() == null
                ? new BotSegment(
                        segment.callSid(),
                        segment.turn(),
                        segment.sequence(),
                        "",
                        segment.last(),
                        segment.sampleRate(),
                        segment.at())
                : segment;
        Map<TurnStage, Long> stamps = new EnumMap<>(TurnTimeline.read(record.headers()));
        stamps.put(TurnStage.TTS_RECEIVED, TurnTimeline.nowMicros());
        return new SegmentOrder(withText, route, turnStartedAt, receivedAt, stamps);
    }
}
