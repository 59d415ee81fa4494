package dev.voicebot.common.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Every JSON event on the pipeline's topics. The {@code type} property names the event, {@code v}
 * its schema version; readers ignore fields they do not know, so fields can be added without a new
 * version. Every event belongs to one call and is keyed by its {@code callSid}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CallStarted.class, name = "call.started"),
    @JsonSubTypes.Type(value = CallEnded.class, name = "call.ended"),
    @JsonSubTypes.Type(value = DtmfReceived.class, name = "call.dtmf"),
    @JsonSubTypes.Type(value = CallStatusChanged.class, name = "call.status"),
    @JsonSubTypes.Type(value = OutboundCallPlaced.class, name = "call.outbound-placed"),
    @JsonSubTypes.Type(value = MarkPlayed.class, name = "call.mark-played"),
    @JsonSubTypes.Type(value = SpeechStarted.class, name = "speech.started"),
    @JsonSubTypes.Type(value = SpeechEnded.class, name = "speech.ended"),
    @JsonSubTypes.Type(value = Transcript.class, name = "speech.transcript"),
    @JsonSubTypes.Type(value = BotSegment.class, name = "bot.segment"),
    @JsonSubTypes.Type(value = TurnCancelled.class, name = "bot.turn-cancelled"),
    @JsonSubTypes.Type(value = ClearAudio.class, name = "gateway.clear"),
    @JsonSubTypes.Type(value = EndCall.class, name = "gateway.end-call"),
    @JsonSubTypes.Type(value = ProviderFailed.class, name = "provider.failed"),
    @JsonSubTypes.Type(value = TurnLatency.class, name = "turn.latency"),
})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface VoicebotEvent
        permits CallStarted,
                CallEnded,
                DtmfReceived,
                CallStatusChanged,
                OutboundCallPlaced,
                MarkPlayed,
                SpeechStarted,
                SpeechEnded,
                Transcript,
                BotSegment,
                TurnCancelled,
                ClearAudio,
                EndCall,
                ProviderFailed,
                TurnLatency {

    /** The schema version every event of this build writes. */
    int SCHEMA_VERSION = 1;

    /** The call this event belongs to; also the record key. */
    String callSid();

    /** Epoch milliseconds when the event happened. */
    long at();

    @JsonProperty("v")
    default int schemaVersion() {
        return SCHEMA_VERSION;
    }
}
