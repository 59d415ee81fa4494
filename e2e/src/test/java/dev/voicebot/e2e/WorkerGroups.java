package dev.voicebot.e2e;

import dev.voicebot.common.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.utils.Utils;

/**
 * Which worker instance holds a call, read from the consumer groups: service-kit names every group consumer after its
 * instance ({@code <VOICEBOT_INSTANCE_ID>-<thread>}), and a call's records all go to the partition its key hashes to.
 */
final class WorkerGroups implements AutoCloseable {

    /** A worker kind: its consumer group and the topic whose partitions carry a call to it. */
    enum Kind {
        STT("stt-worker", Topics.AUDIO_IN),
        LLM("llm-worker", Topics.SPEECH),
        TTS("tts-worker", Topics.BOT_SEGMENTS);

        final String service;
        final String topic;

        Kind(String service, String topic) {
            this.service = service;
            this.topic = topic;
        }

        /** The consumer group: each worker's spring.kafka.consumer.group-id names it after the service. */
        String group() {
            return service;
        }
    }

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 200;

    private final Admin admin;

    WorkerGroups(String bootstrapServers) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "e2e-worker-groups"));
    }

    /** The instance id of the worker of {@code kind} holding {@code callSid}'s partition, if the group is settled. */
    Optional<String> holder(Kind kind, String callSid) throws InterruptedException {
        int partitions = partitionCount(kind.topic);
        TopicPartition partition = new TopicPartition(kind.topic, partitionOf(callSid, partitions));
        ConsumerGroupDescription group = describe(kind.group()).orElse(null);
        if (group == null || group.groupState() != GroupState.STABLE) {
            return Optional.empty();
        }
        return group.members().stream()
                .filter(member -> member.assignment().topicPartitions().contains(partition))
                .map(WorkerGroups::instanceOf)
                .findFirst();
    }

    /** Waits until the group of {@code kind} is settled and returns the instance id holding {@code callSid}. */
    String awaitHolder(Kind kind, String callSid, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> holder = holder(kind, callSid);
            if (holder.isPresent()) {
                return holder.get();
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(kind.group() + " did not settle within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Waits until every kind's group is stable with {@code instances} instances holding all partitions. */
    void awaitInstances(Collection<Kind> kinds, int instances, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Kind kind : kinds) {
            int partitions = partitionCount(kind.topic);
            while (true) {
                Optional<ConsumerGroupDescription> described = describe(kind.group());
                Set<String> holders = new TreeSet<>();
                int held = 0;
                List<MemberDescription> members =
                        described.map(g -> List.copyOf(g.members())).orElse(List.of());
                GroupState state =
                        described.map(ConsumerGroupDescription::groupState).orElse(GroupState.DEAD);
                for (MemberDescription member : members) {
                    long mine = member.assignment().topicPartitions().stream()
                            .filter(tp -> tp.topic().equals(kind.topic))
                            .count();
                    if (mine > 0) {
                        holders.add(instanceOf(member));
                        held += (int) mine;
                    }
                }
                if (state == GroupState.STABLE && holders.size() == instances && held == partitions) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(kind.group() + " did not settle on " + instances + " instances: " + state
                            + ", " + held + " of " + partitions + " partitions held by " + holders);
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    /** The partition the default partitioner gives a record keyed {@code callSid}. */
    static int partitionOf(String callSid, int partitions) {
        return Utils.toPositive(Utils.murmur2(callSid.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** {@code <instance id>-<n>}, as the listener containers name their consumers. */
    private static String instanceOf(MemberDescription member) {
        String clientId = member.clientId();
        int dash = clientId.lastIndexOf('-');
        return dash > 0 ? clientId.substring(0, dash) : clientId;
    }

    private int partitionCount(String topic) throws InterruptedException {
        return get(admin.describeTopics(List.of(topic)).allTopicNames())
                .get(topic)
                .partitions()
                .size();
    }

    /** The group's description, empty while the group does not exist yet. */
    private Optional<ConsumerGroupDescription> describe(String group) throws InterruptedException {
        try {
            return Optional.of(
                    get(admin.describeConsumerGroups(List.of(group)).all()).get(group));
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof ExecutionException failure
                    && failure.getCause() instanceof GroupIdNotFoundException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static <T> T get(KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer: " + e, e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
