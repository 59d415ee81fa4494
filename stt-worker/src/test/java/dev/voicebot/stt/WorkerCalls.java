package dev.voicebot.stt;

import dev.voicebot.common.event.CallDirection;
import dev.voicebot.common.event.CallStarted;
import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.Transcript;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.common.kafka.EventRecords;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.stt.corpus.Corpus;
import dev.voicebot.testsupport.KafkaTestBroker;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.KafkaTemplate;

/** Plays the gateway for the worker tests: calls' events and audio in, the speech topic read back. */
final class WorkerCalls {

    static final String ROUTE = "voicebot.gateway.gw-it";
    static final int RATE = 8000;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private WorkerCalls() {}

    /** A reader of the speech topic from its start. */
    static KafkaConsumer<String, byte[]> speechReader() {
        KafkaConsumer<String, byte[]> speech = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaTestBroker.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "stt-it-reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        speech.subscribe(List.of(Topics.SPEECH));
        return speech;
    }

    static void start(KafkaTemplate<String, byte[]> template, String callSid) throws Exception {
        template.send(EventRecords.of(
                        Topics.CALL_EVENTS,
                        new CallStarted(
                                callSid,
                                "ST-" + callSid,
                                "AC-1",
                                "+919876543210",
                                "+918000000000",
                                Map.of(),
                                RATE,
                                CallDirection.INBOUND,
                                ROUTE,
                                System.currentTimeMillis()),
                        ROUTE))
                .get(10, TimeUnit.SECONDS);
    }

    /**
     * Sends audio in 100 ms records numbered on from {@code lastSequence}.
     *
     * @return the last record's sequence number
     */
    static long sendAudio(KafkaTemplate<String, byte[]> template, String callSid, byte[] audio, long lastSequence) {
        long sequence = lastSequence;
        for (int offset = 0; offset < audio.length; offset += 1600) {
            byte[] piece = Arrays.copyOfRange(audio, offset, Math.min(audio.length, offset + 1600));
            template.send(new AudioRecord(
                            callSid, piece, RATE, ++sequence, 0, false, System.currentTimeMillis() * 1000, ROUTE)
                    .toProducerRecord(Topics.AUDIO_IN));
        }
        template.flush();
        return sequence;
    }

    /** The speech records of one call up to the first whose event matches. */
    static List<ConsumerRecord<String, byte[]>> readUntil(
            KafkaConsumer<String, byte[]> speech, String callSid, Predicate<VoicebotEvent> last) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : speech.poll(Duration.ofMillis(200))) {
                if (!callSid.equals(record.key())) {
                    continue;
                }
                records.add(record);
                if (last.test(EventCodec.decode(record.value()))) {
                    return records;
                }
            }
        }
        throw new AssertionError(
                "no matching event for " + callSid + " within " + WAIT + "; got " + records.size() + " records");
    }

    static List<ConsumerRecord<String, byte[]>> readUntilFinal(KafkaConsumer<String, byte[]> speech, String callSid) {
        return readUntil(speech, callSid, event -> event instanceof Transcript transcript && transcript.isFinal());
    }

    static Corpus.Utterance utterance(String id) {
        return Corpus.load().stream().filter(u -> u.id().equals(id)).findFirst().orElseThrow();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
