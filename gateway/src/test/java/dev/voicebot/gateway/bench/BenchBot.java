package dev.voicebot.gateway.bench;

import dev.voicebot.common.kafka.AudioRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the TTS worker: for every call, a bot turn of {@code turnLength} of audio every {@code
 * turnLength}, published at once in five records as a fast synthesizer would, so the gateway's
 * pacing has a continuous stream to spread out.
 */
final class BenchBot implements AutoCloseable {

    private static final int PIECES_PER_TURN = 5;

    private final KafkaProducer<String, byte[]> producer;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-bot");
        thread.setDaemon(true);
        return thread;
    });

    BenchBot(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG,
                "bench-bot",
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    void start(List<String> callSids, int sampleRate, String route, Duration turnLength) {
        long turnMs = turnLength.toMillis();
        int pieceBytes = (int) (sampleRate * 2L * turnMs / 1000 / PIECES_PER_TURN);
        for (String callSid : callSids) {
            AtomicInteger turn = new AtomicInteger();
            long offset = ThreadLocalRandom.current().nextLong(turnMs);
            scheduler.scheduleAtFixedRate(
                    () -> publishTurn(callSid, turn.incrementAndGet(), pieceBytes, sampleRate, route),
                    offset,
                    turnMs,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void publishTurn(String callSid, int turn, int pieceBytes, int sampleRate, String route) {
        for (int piece = 0; piece < PIECES_PER_TURN; piece++) {
            AudioRecord audio = new AudioRecord(
                    callSid,
                    new byte[pieceBytes],
                    sampleRate,
                    piece,
                    turn,
                    piece == PIECES_PER_TURN - 1,
                    System.currentTimeMillis() * 1000,
                    route);
            producer.send(audio.toProducerRecord(route));
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        producer.close(Duration.ofSeconds(2));
    }
}
