package dev.voicebot.gateway.route;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Reads this gateway's route topic, and only it, on one dedicated thread: every partition assigned
 * by hand (no consumer group, nothing to rebalance), starting at the end, since bot audio for calls
 * that were on a previous run of this instance has nobody left to hear it. Starts before the web
 * server accepts sockets and stops after it.
 */
public final class RouteTopicReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RouteTopicReader.class);

    private final String topic;
    private final ConsumerFactory<?, ?> consumerFactory;
    private final RouteRecordHandler handler;
    private final Duration pollTimeout;
    private final Duration startTimeout;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private volatile Consumer<String, byte[]> consumer;
    private volatile boolean running;
    private volatile long lastPollNanos;

    public RouteTopicReader(
            String topic,
            ConsumerFactory<?, ?> consumerFactory,
            RouteRecordHandler handler,
            Duration pollTimeout,
            Duration startTimeout) {
        this.topic = topic;
        this.consumerFactory = consumerFactory;
        this.handler = handler;
        this.pollTimeout = pollTimeout;
        this.startTimeout = startTimeout;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void start() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Consumer<String, byte[]> created = (Consumer<String, byte[]>)
                consumerFactory.createConsumer(null, "gateway-route-reader", null, overrides);
        try {
            List<TopicPartition> partitions = partitions(created);
            created.assign(partitions);
            created.seekToEnd(partitions);
            partitions.forEach(created::position);
            log.info("reading route topic {} ({} partitions) from its end", topic, partitions.size());
        } catch (RuntimeException e) {
            created.close();
            throw e;
        }
        consumer = created;
        running = true;
        lastPollNanos = System.nanoTime();
        Thread thread = new Thread(this::readLoop, "gateway-route-reader");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            stopped.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server (which starts at {@code DEFAULT_PHASE - 1024}), so no call waits for it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    public String topic() {
        return topic;
    }

    /** Time since the reader last came back from a poll; long gaps mean it is stuck. */
    public Duration sinceLastPoll() {
        return Duration.ofNanos(System.nanoTime() - lastPollNanos);
    }

    private List<TopicPartition> partitions(Consumer<String, byte[]> created) {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (true) {
            List<PartitionInfo> infos = created.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("route topic " + topic + " does not exist after " + startTimeout
                        + "; is Kafka reachable and may this service create topics?");
            }
            sleep(Duration.ofMillis(200));
        }
    }

    private void readLoop() {
        try {
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(pollTimeout)) {
                        handler.handle(record);
                    }
                    lastPollNanos = System.nanoTime();
                } catch (WakeupException e) {
                    break;
                } catch (KafkaException e) {
                    log.error("reading route topic {} failed; retrying in 1 s", topic, e);
                    sleep(Duration.ofSeconds(1));
                }
            }
        } finally {
            consumer.close();
            stopped.countDown();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
