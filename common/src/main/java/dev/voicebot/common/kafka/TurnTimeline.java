package dev.voicebot.common.kafka;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;

/** Reads, writes and forwards the {@link TurnStage} stamps of a turn in record headers. */
public final class TurnTimeline {

    private TurnTimeline() {}

    /** Epoch microseconds now. */
    public static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    /** Stamps {@code stage} with the current time. */
    public static void stamp(Headers headers, TurnStage stage) {
        stamp(headers, stage, nowMicros());
    }

    /** Stamps {@code stage} with a time taken earlier; a non-positive time is left out. */
    public static void stamp(Headers headers, TurnStage stage, long epochMicros) {
        if (epochMicros > 0) {
            RecordHeaderValues.put(headers, stage.header(), epochMicros);
        }
    }

    /** Copies every stage stamp, plus the turn start, from a consumed record to one being produced. */
    public static void forward(Headers from, Headers to) {
        for (TurnStage stage : TurnStage.values()) {
            String value = RecordHeaderValues.text(from, stage.header());
            if (value != null) {
                RecordHeaderValues.put(to, stage.header(), value);
            }
        }
        String turnStarted = RecordHeaderValues.text(from, HeaderNames.TURN_STARTED_AT);
        if (turnStarted != null) {
            RecordHeaderValues.put(to, HeaderNames.TURN_STARTED_AT, turnStarted);
        }
    }

    /** The stamps a record carries, in pipeline order. Unreadable stamps are left out. */
    public static Map<TurnStage, Long> read(Headers headers) {
        Map<TurnStage, Long> stamps = new EnumMap<>(TurnStage.class);
        for (TurnStage stage : TurnStage.values()) {
            try {
                long value = RecordHeaderValues.number(headers, stage.header(), -1);
                if (value > 0) {
                    stamps.put(stage, value);
                }
            } catch (UndecodableRecordException e) {
                // a stamp is diagnostic only; a bad one never costs the record
            }
        }
        return stamps;
    }
}
