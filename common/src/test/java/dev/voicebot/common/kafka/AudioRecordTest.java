package dev.voicebot.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class AudioRecordTest {

    private static ConsumerRecord<String, byte[]> asConsumed(ProducerRecord<String, byte[]> sent) {
        return new ConsumerRecord<>(
                sent.topic(),
                0,
                0L,
                0L,
                TimestampType.CREATE_TIME,
                0,
                0,
                sent.key(),
                sent.value(),
                sent.headers(),
                java.util.Optional.empty());
    }

    @Test
    void everyFieldTravelsInKeyValueAndHeaders() {
        var audio = new AudioRecord(
                "CA1", new byte[640], 16000, 42, 3, true, 1_700_000_000_000_000L, "voicebot.gateway.gw-1");
        var sent = audio.toProducerRecord("voicebot.gateway.gw-1");

        assertThat(sent.key()).isEqualTo("CA1");
        assertThat(RecordHeaderValues.text(sent.headers(), HeaderNames.KIND)).isEqualTo("audio");
        assertThat(RecordHeaderValues.text(sent.headers(), HeaderNames.SAMPLE_RATE))
                .isEqualTo("16000");
        AudioRecord read = AudioRecord.from(asConsumed(sent));
        assertThat(read).usingRecursiveComparison().isEqualTo(audio);
        assertThat(read.durationMillis()).isEqualTo(20.0);
    }

    @Test
    void oddLengthOrRateLessAudioIsUndecodable() {
        var odd = new ProducerRecord<>("t", null, "CA1", new byte[3], new RecordHeaders());
        RecordHeaderValues.put(odd.headers(), HeaderNames.SAMPLE_RATE, 8000);
        assertThatThrownBy(() -> AudioRecord.from(asConsumed(odd))).isInstanceOf(UndecodableRecordException.class);

        var noRate = new ProducerRecord<>("t", null, "CA1", new byte[4], new RecordHeaders());
        assertThatThrownBy(() -> AudioRecord.from(asConsumed(noRate)))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("sample rate");

        var badRate = new ProducerRecord<>("t", null, "CA1", new byte[4], new RecordHeaders());
        RecordHeaderValues.put(badRate.headers(), HeaderNames.SAMPLE_RATE, "8k");
        assertThatThrownBy(() -> AudioRecord.from(asConsumed(badRate))).isInstanceOf(UndecodableRecordException.class);

        var noKey = new ProducerRecord<String, byte[]>("t", null, null, new byte[4], new RecordHeaders());
        assertThatThrownBy(() -> AudioRecord.from(asConsumed(noKey))).isInstanceOf(UndecodableRecordException.class);
    }

    @Test
    void routeIsCopiedFromHopToHop() {
        var in = new RecordHeaders();
        RecordHeaderValues.put(in, HeaderNames.ROUTE, "voicebot.gateway.gw-2");
        var out = new RecordHeaders();
        RecordHeaderValues.copyRoute(in, out);
        assertThat(RecordHeaderValues.text(out, HeaderNames.ROUTE)).isEqualTo("voicebot.gateway.gw-2");
    }
}
