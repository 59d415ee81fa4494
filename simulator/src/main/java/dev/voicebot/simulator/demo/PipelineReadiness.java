package dev.voicebot.simulator.demo;

import dev.voicebot.common.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the workers' consumers own the partitions of the topics they read. A service reports healthy before
 * its consumer has joined its group, and the workers start reading new partitions at their end ({@code
 * auto.offset.reset=latest}), so a call placed in between loses its first records: its start, its greeting or its
 * first words.
 *
 * <p>Ready means: for each topic, some consumer group holds it, and every group that holds part of it is stable and
 * holds all of its partitions. Groups are found by what they read, so their names do not matter.
 */
public final class PipelineReadiness {

    /** What the workers read: the caller's audio (STT), speech (LLM), reply segments (TTS), call events (STT, LLM). */
    public static final List<String> WORKER_INPUTS =
            List.of(Topics.AUDIO_IN, Topics.SPEECH, Topics.BOT_SEGMENTS, Topics.CALL_EVENTS);

    /** Time for consumers that just got their partitions to look up where to start reading. */
    private static final Duration POSITION_SETTLE = Duration.ofMillis(500);

    private static final Duration POLL = Duration.ofMillis(250);

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private PipelineReadiness() {}

    /**
     * Returns once every topic is held in full by stable consumer groups.
     *
     * @throws TimeoutException naming the topics that are not, and why
     */
    public static void awaitConsumers(String bootstrapServers, List<String> topics, Duration timeout)
            throws InterruptedException, TimeoutException {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "voicebot-readiness");
        // bounded, so that an unreachable broker fails the wait instead of outliving it
        long apiTimeout = Math.max(1000, timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(apiTimeout));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(5000, apiTimeout)));
        long deadline = System.nanoTime() + timeout.toNanos();
        Admin admin = Admin.create(config);
        try {
            while (true) {
                List<String> pending;
                try {
                    pending = pending(admin, topics, deadline);
                } catch (ExecutionException | TimeoutException e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    pending = List.of("Kafka did not answer: " + cause);
                }
                if (pending.isEmpty()) {
                    Thread.sleep(POSITION_SETTLE);
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(String.format(
                            Locale.ROOT,
                            "the workers' consumers did not get their partitions within %.1f s: %s",
                            timeout.toMillis() / 1000.0,
                            String.join("; ", pending)));
                }
                Thread.sleep(POLL);
            }
        } finally {
            admin.close(CLOSE_TIMEOUT);
        }
    }

    /** Why each topic that is not ready is not. */
    private static List<String> pending(Admin admin, List<String> topics, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> described =
                admin.describeTopics(topics).allTopicNames().get(remaining(deadline), TimeUnit.MILLISECONDS);
        Collection<GroupListing> listings = admin.listGroups(ListGroupsOptions.forConsumerGroups())
                .all()
                .get(remaining(deadline), TimeUnit.MILLISECONDS);
        List<String> groupIds = listings.stream().map(GroupListing::groupId).toList();
        Map<String, ConsumerGroupDescription> groups = groupIds.isEmpty()
                ? Map.of()
                : admin.describeConsumerGroups(groupIds).all().get(remaining(deadline), TimeUnit.MILLISECONDS);
        List<String> pending = new ArrayList<>();
        for (String topic : topics) {
            int partitions = described.get(topic).partitions().size();
            String problem = problem(topic, partitions, groups.values());
            if (problem != null) {
                pending.add(problem);
            }
        }
        return pending;
    }

    /** Why a topic is not fully held by stable groups, or null when it is. */
    private static String problem(String topic, int partitions, Collection<ConsumerGroupDescription> groups) {
        List<String> holders = new ArrayList<>();
        for (ConsumerGroupDescription group : groups) {
            Set<Integer> held = new HashSet<>();
            for (MemberDescription member : group.members()) {
                for (TopicPartition partition : member.assignment().topicPartitions()) {
                    if (partition.topic().equals(topic)) {
                        held.add(partition.partition());
                    }
                }
            }
            if (held.isEmpty()) {
                continue;
            }
            holders.add(group.groupId());
            if (group.groupState() != GroupState.STABLE || held.size() < partitions) {
                return String.format(
                        Locale.ROOT,
                        "%s: group %s is %s holding %d of %d partitions",
                        topic,
                        group.groupId(),
                        group.groupState().toString().toLowerCase(Locale.ROOT),
                        held.size(),
                        partitions);
            }
        }
        return holders.isEmpty() ? topic + ": no consumer group holds it yet" : null;
    }

    private static long remaining(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
