package dev.voicebot.service;

import dev.voicebot.service.resilience.CircuitBreakerProperties;
import dev.voicebot.service.resilience.CircuitBreakers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;

/** What every voicebot service gets by depending on service-kit. */
@AutoConfiguration
@EnableConfigurationProperties({VoicebotKafkaProperties.class, CircuitBreakerProperties.class})
public class VoicebotServiceAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    InstanceIdentity instanceIdentity(
            @Value("${voicebot.instance-id:${VOICEBOT_INSTANCE_ID:}}") String configured,
            @Value("${server.port:8080}") String port) {
        return InstanceIdentity.resolve(configured, port);
    }

    /**
     * Names the group consumers after the instance (the listener containers add {@code -0}, {@code
     * -1}, ...), so that a group's description shows which instance holds which partitions; a
     * configured {@code client.id} wins.
     */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer voicebotConsumerClientId(InstanceIdentity identity) {
        return factory -> {
            if (!factory.getConfigurationProperties().containsKey(ConsumerConfig.CLIENT_ID_CONFIG)) {
                factory.updateConfigs(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, identity.id()));
            }
        };
    }

    @Bean
    KafkaAdmin.NewTopics voicebotSharedTopics(VoicebotKafkaProperties properties) {
        return new KafkaAdmin.NewTopics(SharedTopics.definitions(properties).toArray(NewTopic[]::new));
    }

    @Bean
    ConsumerAssignments voicebotConsumerAssignments() {
        return new ConsumerAssignments();
    }

    /** Static: a post-processor must exist before the beans it processes, without this configuration's other beans. */
    @Bean
    static BeanPostProcessor voicebotConsumerAssignmentRecorder(ObjectProvider<ConsumerAssignments> assignments) {
        return new ConsumerAssignmentRecorder(assignments);
    }

    /** {@code kafkaConsumers} in health and in the readiness group (voicebot-defaults.yml). */
    @Bean
    HealthIndicator kafkaConsumersHealthIndicator(
            KafkaListenerEndpointRegistry registry, ConsumerAssignments assignments) {
        return new KafkaConsumersHealthIndicator(registry, assignments);
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    CommonErrorHandler voicebotDeadLetterErrorHandler(KafkaOperations<?, ?> kafkaOperations) {
        return DeadLetters.errorHandler(kafkaOperations);
    }

    /** Where providers get their circuit breakers (and the breakers their metrics). */
    @Bean
    @ConditionalOnMissingBean
    CircuitBreakers circuitBreakers(CircuitBreakerProperties properties, ObjectProvider<MeterRegistry> registry) {
        return new CircuitBreakers(properties.settings(), registry.getIfAvailable(SimpleMeterRegistry::new));
    }
}
