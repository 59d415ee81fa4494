package dev.voicebot.common.event;

import dev.voicebot.common.kafka.UndecodableRecordException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON encoding of {@link VoicebotEvent}s, the one Jackson configuration of the event contract. */
public final class EventCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private EventCodec() {}

    public static byte[] encode(VoicebotEvent event) {
        return MAPPER.writeValueAsBytes(event);
    }

    /**
     * Decodes one event.
     *
     * @throws UndecodableRecordException for bytes that are not an event of a type this build
     *     knows; such a record is a dead letter, never a reason to stop consuming
     */
    public static VoicebotEvent decode(byte[] json) {
        if (json == null || json.length == 0) {
            throw new UndecodableRecordException("empty event record");
        }
        try {
            return MAPPER.readValue(json, VoicebotEvent.class);
        } catch (JacksonException e) {
            throw new UndecodableRecordException("not a voicebot event: " + e.getOriginalMessage(), e);
        }
    }

    /** The shared mapper, for modules that read or write other JSON of the contract. */
    public static JsonMapper mapper() {
        return MAPPER;
    }
}
