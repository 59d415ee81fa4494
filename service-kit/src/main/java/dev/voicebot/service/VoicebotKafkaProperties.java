package dev.voicebot.service;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the shared topics are created.
 *
 * @param partitions partitions of each shared topic; at least as many as workers of one kind that
 *     should share the load (default 12)
 * @param replicationFactor replicas of each topic (1 for a single local broker, 3 in production)
 * @param audioRetentionMinutes how long raw call audio stays on the broker
 */
@ConfigurationProperties("voicebot.kafka")
public record VoicebotKafkaProperties(Integer partitions, Short replicationFactor, Integer audioRetentionMinutes) {

    public VoicebotKafkaProperties {
        partitions = partitions == null ? 12 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        audioRetentionMinutes = audioRetentionMinutes == null ? 60 : audioRetentionMinutes;
        if (partitions < 1 || replicationFactor < 1 || audioRetentionMinutes < 1) {
            throw new IllegalArgumentException(
                    "voicebot.kafka partitions, replication-factor and" + " audio-retention-minutes must be positive");
        }
    }
}
