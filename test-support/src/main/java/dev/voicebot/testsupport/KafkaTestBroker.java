package dev.voicebot.testsupport;

import java.util.Locale;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one place that decides which real Kafka broker the tests of this JVM talk to.
 *
 * <p>{@code kafka.test.broker} (system property) or {@code KAFKA_TEST_BROKER} (environment) selects it:
 *
 * <ul>
 *   <li>{@code auto} (default): Testcontainers' Kafka when a Docker engine answers, otherwise an
 *       in-process KRaft broker;
 *   <li>{@code testcontainers} or {@code embedded}: that one, whatever else is available;
 *   <li>{@code external:host:port}: an already running broker, such as the one {@code ./voicebot up}
 *       starts.
 * </ul>
 *
 * <p>One broker serves the whole test JVM. It is never stopped from a shutdown hook: the embedded
 * broker's test kit removes its own folders at exit, and Testcontainers' reaper stops the container.
 */
public final class KafkaTestBroker {

    private static final String KAFKA_IMAGE = "apache/kafka-native:4.2.1";
    private static String bootstrapServers;
    private static String description;

    private KafkaTestBroker() {}

    /** Starts the broker on first use and returns its bootstrap servers. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            start(selectedMode());
        }
        return bootstrapServers;
    }

    /** Which broker serves this JVM, for test logs. */
    public static synchronized String description() {
        bootstrapServers();
        return description;
    }

    private static String selectedMode() {
        String mode = System.getProperty("kafka.test.broker");
        if (mode == null || mode.isBlank()) {
            mode = System.getenv().getOrDefault("KAFKA_TEST_BROKER", "auto");
        }
        return mode.trim();
    }

    private static void start(String mode) {
        String lower = mode.toLowerCase(Locale.ROOT);
        if (lower.startsWith("external:")) {
            bootstrapServers = mode.substring("external:".length());
            description = "external broker at " + bootstrapServers;
        } else if (lower.equals("testcontainers") || (lower.equals("auto") && dockerAnswers())) {
            KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
            container.start();
            bootstrapServers = container.getBootstrapServers();
            description = "Testcontainers " + KAFKA_IMAGE + " at " + bootstrapServers;
        } else if (lower.equals("embedded") || lower.equals("auto")) {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
            broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
            broker.afterPropertiesSet();
            bootstrapServers = broker.getBrokersAsString();
            description = "in-process KRaft broker at " + bootstrapServers;
        } else {
            throw new IllegalArgumentException("kafka.test.broker must be auto, embedded, testcontainers or"
                    + " external:host:port, not '" + mode + "'");
        }
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
