package dev.voicebot.stt.bench;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.SpeechStarted;
import dev.voicebot.common.event.Transcript;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.common.kafka.HeaderNames;
import dev.voicebot.common.kafka.RecordHeaderValues;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.stt.SttWorkerApplication;
import dev.voicebot.stt.call.CallSessions;
import dev.voicebot.stt.call.CallSettings;
import dev.voicebot.stt.call.SpeechSink;
import dev.voicebot.stt.call.SttMetrics;
import dev.voicebot.stt.recognizer.ScriptedRecognizer;
import dev.voicebot.stt.recognizer.SpeechRecognizer;
import dev.voicebot.stt.vad.VadFactory;
import dev.voicebot.testsupport.KafkaTestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;

/**
 * The worker's own overhead: the whole worker (listener, voice activity detection, turn detection,
 * publishing) between a real broker's topics, with a recognizer that answers instantly. Calls send
 * 100 ms audio records in real time; each record carries its send time in {@code vb-captured-at},
 * which the worker copies onto the speech records it publishes, so the reader measures audio
 * record in → speech record out, Kafka hops included. Turn audio: 300 ms silence, 600 ms voiced
 * tone, 700 ms silence, so each turn ends on a known record. Each call's first turn is warm-up
 * (producer metadata, consumer fetch sessions) and not counted.
 *
 * <p>Run: {@code ./mvnw -q -pl stt-worker test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.voicebot.stt.bench.WorkerOverheadBenchmark
 * [-Dexec.args="calls turns"]} (in-process broker, or {@code -Dkafka.test.broker=external:host:port}).
 */
public final class WorkerOverheadBenchmark {

    private static final int RATE = 8000;
    private static final int RECORD_MS = 100;

    /**
     * The zero-latency recognizer in place of the configured one. Registered as a source of the
     * benchmark's application only: not a {@code @Configuration}, or component scanning would put
     * it into every test context of the package.
     */
    static class InstantRecognizer {
        @Bean
        @Primary
        SpeechRecognizer instantRecognizer() {
            return new ScriptedRecognizer("book an appointment");
        }
    }

    public static void main(String[] args) throws Exception {
        int status = 0;
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // the in-process broker's threads would keep the JVM alive
        System.exit(status);
    }

    private static void run(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int turns = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        inProcess();
        String bootstrap = KafkaTestBroker.bootstrapServers();
        try (ConfigurableApplicationContext worker = new SpringApplicationBuilder(
                        SttWorkerApplication.class, InstantRecognizer.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.kafka.bootstrap-servers=" + bootstrap,
                        "--spring.kafka.consumer.group-id=stt-bench-" + UUID.randomUUID(),
                        "--voicebot.kafka.partitions=4",
                        "--spring.kafka.listener.concurrency=2",
                        "--logging.level.org.apache.kafka=WARN",
                        "--logging.level.kafka=WARN")) {
            var registry = worker.getBean(KafkaListenerEndpointRegistry.class);
            ContainerTestUtils.waitForAssignment(registry.getListenerContainer("stt-worker"), 8);
            measure(bootstrap, calls, turns);
        }
    }

    /**
     * CPU per audio record inside the worker (framing, voice activity, turn detection, the instant
     * recognizer, building events), without Kafka: 100 calls' turns fed as fast as possible.
     */
    private static void inProcess() {
        byte[] turn = turnAudio();
        int recordBytes = RATE / 1000 * 2 * RECORD_MS;
        SpeechSink discard = (event, timing) -> {};
        for (int pass = 0; pass < 2; pass++) {
            try (CallSessions sessions = new CallSessions(
                    new ScriptedRecognizer("book an appointment"),
                    VadFactory.energy(3, 150),
                    discard,
                    CallSettings.defaults(),
                    Duration.ofMinutes(5),
                    new SttMetrics(new SimpleMeterRegistry()))) {
                TopicPartition partition = new TopicPartition(Topics.AUDIO_IN, 0);
                int records = 0;
                long started = System.nanoTime();
                for (int round = 0; round < 20; round++) {
                    for (int call = 0; call < 100; call++) {
                        for (int offset = 0; offset < turn.length; offset += recordBytes) {
                            byte[] piece = Arrays.copyOfRange(turn, offset, offset + recordBytes);
                            sessions.onAudio(
                                    new AudioRecord(
                                            "CA-" + call,
                                            piece,
                                            RATE,
                                            (long) round * 1000 + offset / recordBytes + 1,
                                            0,
                                            false,
                                            0,
                                            "voicebot.gateway.bench"),
                                    partition);
                            records++;
                        }
                    }
                }
                double micros = (System.nanoTime() - started) / 1e3 / records;
                if (pass == 1) {
                    System.out.printf(
                            Locale.ROOT,
                            "in-process: %.1f µs of CPU per 100 ms audio record -> %.2f %% of a core per call%n",
                            micros,
                            micros * (1000.0 / RECORD_MS) / 1e4);
                }
            }
        }
    }

    private static byte[] turnAudio() {
        return concat(Pcm16.silence(RATE, 300), Pcm16.tone(RATE, 220, 600, 0.3), Pcm16.silence(RATE, 700));
    }

    private static void measure(String bootstrap, int calls, int turns) throws Exception {
        List<Double> started = new CopyOnWriteArrayList<>();
        List<Double> finals = new CopyOnWriteArrayList<>();
        CountDownLatch allFinals = new CountDownLatch(calls * turns);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Thread reader = new Thread(() -> read(bootstrap, run, started, finals, allFinals), "bench-reader");
        reader.setDaemon(true);
        reader.start();
        Thread.sleep(3000); // the reader's group joins before audio flows

        byte[] turn = turnAudio();
        int recordsPerTurn = turn.length / (RATE / 1000 * 2 * RECORD_MS);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(),
                new ByteArraySerializer());
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2);
        long[] sequence = new long[calls];
        for (int call = 0; call < calls; call++) {
            int c = call;
            String callSid = "CA-bench-" + run + "-" + c;
            long phase = c * RECORD_MS / calls;
            pacer.scheduleAtFixedRate(
                    () -> {
                        long seq = sequence[c]++;
                        if (seq >= (long) recordsPerTurn * turns) {
                            return;
                        }
                        int offset = (int) (seq % recordsPerTurn) * (turn.length / recordsPerTurn);
                        byte[] piece = Arrays.copyOfRange(turn, offset, offset + turn.length / recordsPerTurn);
                        producer.send(new AudioRecord(
                                        callSid, piece, RATE, seq + 1, 0, false, nowMicros(), "voicebot.gateway.bench")
                                .toProducerRecord(Topics.AUDIO_IN));
                    },
                    phase,
                    RECORD_MS,
                    TimeUnit.MILLISECONDS);
        }
        boolean complete = allFinals.await(turns * 2L + 30, TimeUnit.SECONDS);
        pacer.shutdownNow();
        producer.close();
        System.out.printf(
                "%d calls x %d turns, 100 ms records in real time (%d records/s)%s%n",
                calls,
                turns,
                calls * 1000 / RECORD_MS,
                complete ? "" : " - INCOMPLETE: " + allFinals.getCount() + " finals missing");
        System.out.println("audio record in -> speech.started out: " + Percentiles.of(toArray(started)));
        System.out.println("audio record in -> final transcript out: " + Percentiles.of(toArray(finals)));
    }

    private static void read(
            String bootstrap, String run, List<Double> started, List<Double> finals, CountDownLatch allFinals) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "stt-bench-reader-" + run,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "latest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SPEECH));
            Map<String, Integer> startedPerCall = new HashMap<>();
            Map<String, Integer> finalsPerCall = new HashMap<>();
            while (allFinals.getCount() > 0) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.key() == null || !record.key().startsWith("CA-bench-" + run)) {
                        continue;
                    }
                    double latency =
                            (nowMicros() - RecordHeaderValues.number(record.headers(), HeaderNames.CAPTURED_AT, 0))
                                    / 1000.0;
                    VoicebotEvent event = EventCodec.decode(record.value());
                    if (event instanceof SpeechStarted) {
                        if (startedPerCall.merge(record.key(), 1, Integer::sum) > 1) {
                            started.add(latency);
                        }
                    } else if (event instanceof Transcript transcript && transcript.isFinal()) {
                        if (finalsPerCall.merge(record.key(), 1, Integer::sum) > 1) {
                            finals.add(latency);
                        }
                        allFinals.countDown();
                    }
                }
            }
        }
    }

    private static double[] toArray(List<Double> values) {
        return new ArrayList<>(values).stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
