package dev.voicebot.common.kafka;

import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.VoicebotEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds event records: JSON value, {@code call_sid} key, the call's route in a header. */
public final class EventRecords {

    private EventRecords() {}

    /**
     * @param route the call's route topic, or {@code null} when the producer does not know it
     */
    public static ProducerRecord<String, byte[]> of(String topic, VoicebotEvent event, String route) {
        Headers headers = new RecordHeaders();
        RecordHeaderValues.put(headers, HeaderNames.KIND, RecordKind.EVENT.wire());
        RecordHeaderValues.put(headers, HeaderNames.ROUTE, route);
        return new ProducerRecord<>(topic, null, event.callSid(), EventCodec.encode(event), headers);
    }
}
