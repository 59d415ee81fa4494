package dev.voicebot.common.kafka;

import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.VoicebotEvent;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for {@link VoicebotEvent}. The deserializer fails with a {@link
 * SerializationException} on bytes that are not an event; wrap it in an error-handling deserializer
 * (spring-kafka's {@code ErrorHandlingDeserializer}) so such a record goes to {@link
 * Topics#DEAD_LETTERS} instead of stopping the partition.
 */
public final class EventSerde implements Serde<VoicebotEvent> {

    @Override
    public Serializer<VoicebotEvent> serializer() {
        return (topic, event) -> event == null ? null : EventCodec.encode(event);
    }

    @Override
    public Deserializer<VoicebotEvent> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null; // a tombstone
            }
            try {
                return EventCodec.decode(bytes);
            } catch (UndecodableRecordException e) {
                throw new SerializationException("undecodable record on " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
