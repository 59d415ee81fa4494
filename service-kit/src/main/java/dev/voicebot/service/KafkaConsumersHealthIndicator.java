package dev.voicebot.service;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * {@code kafkaConsumers}: OUT_OF_SERVICE until every consumer of the service's listener containers
 * has had its first partition assignment, UP after (and at once for a service without listener
 * containers). Part of the readiness group, so nothing is sent to a worker, and no call is placed
 * by a script waiting for health, before the worker's consumers own what they read.
 */
final class KafkaConsumersHealthIndicator implements HealthIndicator {

    private final KafkaListenerEndpointRegistry registry;
    private final ConsumerAssignments assignments;

    KafkaConsumersHealthIndicator(KafkaListenerEndpointRegistry registry, ConsumerAssignments assignments) {
        this.registry = registry;
        this.assignments = assignments;
    }

    @Override
    public Health health() {
        int consumers = 0;
        for (MessageListenerContainer container : registry.getAllListenerContainers()) {
            if (container.isAutoStartup() || container.isRunning()) {
                consumers += container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent
                        ? concurrent.getConcurrency()
                        : 1;
            }
        }
        int assigned = assignments.assignedConsumers();
        Health.Builder health = assigned >= consumers ? Health.up() : Health.outOfService();
        return health.withDetail("consumers", consumers)
                .withDetail("assigned", Math.min(assigned, consumers))
                .build();
    }
}
