package dev.voicebot.service;

import dev.voicebot.common.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;

/** The shared topics every service makes sure exist at start-up, with their settings. */
final class SharedTopics {

    private SharedTopics() {}

    static List<NewTopic> definitions(VoicebotKafkaProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : Topics.SHARED) {
            TopicBuilder builder = TopicBuilder.name(name)
                    .partitions(properties.partitions())
                    .replicas(properties.replicationFactor());
            switch (name) {
                case Topics.CONVERSATION_STATE -> builder.compact();
                case Topics.AUDIO_IN ->
                    builder.config(
                            TopicConfig.RETENTION_MS_CONFIG,
                            Long.toString(Duration.ofMinutes(properties.audioRetentionMinutes())
                                    .toMillis()));
                default -> {}
            }
            topics.add(builder.build());
        }
        return topics;
    }
}
