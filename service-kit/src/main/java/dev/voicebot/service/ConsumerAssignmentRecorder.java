package dev.voicebot.service;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * Puts {@link ConsumerAssignments}' recording in front of the rebalance listener of every listener
 * container factory ({@code @KafkaListener} containers copy it) and every container declared as a
 * bean, keeping the listener the service configured.
 */
final class ConsumerAssignmentRecorder implements BeanPostProcessor {

    private final ObjectProvider<ConsumerAssignments> assignments;

    ConsumerAssignmentRecorder(ObjectProvider<ConsumerAssignments> assignments) {
        this.assignments = assignments;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        switch (bean) {
            case AbstractKafkaListenerContainerFactory<?, ?, ?> factory -> record(factory.getContainerProperties());
            case AbstractMessageListenerContainer<?, ?> container -> record(container.getContainerProperties());
            default -> {}
        }
        return bean;
    }

    private void record(ContainerProperties properties) {
        properties.setConsumerRebalanceListener(
                assignments.getObject().recording(properties.getConsumerRebalanceListener()));
    }
}
