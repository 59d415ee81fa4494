package dev.voicebot.common.kafka;

import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One piece of a call's audio on Kafka: raw PCM16 little-endian mono in the value, everything else
 * in headers. Inbound records ({@link Topics#AUDIO_IN}) have turn 0; outbound records (on a route
 * topic) carry the bot turn they belong to and {@code last} on the turn's final piece.
 *
 * @param callSid the record key
 * @param pcm PCM16 LE mono samples, an even number of bytes
 * @param sampleRate samples per second
 * @param sequence order within the call (inbound) or the turn (outbound)
 * @param turn the bot turn, 0 for caller audio
 * @param last whether this ends the bot turn
 * @param capturedAtMicros epoch microseconds when captured (inbound) or synthesized (outbound)
 * @param route the gateway route topic holding the call
 */
public record AudioRecord(
        String callSid,
        byte[] pcm,
        int sampleRate,
        long sequence,
        int turn,
        boolean last,
        long capturedAtMicros,
        String route) {

    public AudioRecord {
        Objects.requireNonNull(callSid, "callSid");
        Objects.requireNonNull(pcm, "pcm");
        if (pcm.length % 2 != 0) {
            throw new IllegalArgumentException("PCM16 audio has an even number of bytes, not " + pcm.length);
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
    }

    /** Milliseconds of audio in this record. */
    public double durationMillis() {
        return pcm.length / 2 * 1000.0 / sampleRate;
    }

    public ProducerRecord<String, byte[]> toProducerRecord(String topic) {
        Headers headers = new RecordHeaders();
        RecordHeaderValues.put(headers, HeaderNames.KIND, RecordKind.AUDIO.wire());
        RecordHeaderValues.put(headers, HeaderNames.SAMPLE_RATE, sampleRate);
        RecordHeaderValues.put(headers, HeaderNames.SEQUENCE, sequence);
        RecordHeaderValues.put(headers, HeaderNames.TURN, turn);
        RecordHeaderValues.put(headers, HeaderNames.LAST, last);
        RecordHeaderValues.put(headers, HeaderNames.CAPTURED_AT, capturedAtMicros);
        RecordHeaderValues.put(headers, HeaderNames.ROUTE, route);
        return new ProducerRecord<>(topic, null, callSid, pcm, headers);
    }

    /** Reads an audio record; throws {@link UndecodableRecordException} when it cannot be one. */
    public static AudioRecord from(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            throw new UndecodableRecordException("audio record without a call_sid key");
        }
        if (record.value() == null || record.value().length % 2 != 0) {
            throw new UndecodableRecordException("audio record of call " + record.key() + " is not PCM16: "
                    + (record.value() == null ? "no value" : record.value().length + " bytes"));
        }
        Headers headers = record.headers();
        long rate = RecordHeaderValues.number(headers, HeaderNames.SAMPLE_RATE, -1);
        if (rate <= 0) {
            throw new UndecodableRecordException("audio record of call " + record.key() + " has no sample rate");
        }
        return new AudioRecord(
                record.key(),
                record.value(),
                (int) rate,
                RecordHeaderValues.number(headers, HeaderNames.SEQUENCE, 0),
                (int) RecordHeaderValues.number(headers, HeaderNames.TURN, 0),
                RecordHeaderValues.flag(headers, HeaderNames.LAST),
                RecordHeaderValues.number(headers, HeaderNames.CAPTURED_AT, 0),
                RecordHeaderValues.text(headers, HeaderNames.ROUTE));
    }
}
