package dev.voicebot.stt;

import dev.voicebot.testsupport.KafkaTestBroker;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** What a test of the whole worker on the test broker needs: its group, the speech topic read back, a producer. */
abstract class WorkerOnBroker {

    static KafkaConsumer<String, byte[]> speech;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
        registry.add("spring.kafka.consumer.group-id", () -> "stt-it-" + UUID.randomUUID());
    }

    @Autowired
    KafkaTemplate<String, byte[]> template;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @BeforeAll
    static void subscribe() {
        speech = WorkerCalls.speechReader();
    }

    @AfterAll
    static void close() {
        speech.close();
    }

    @BeforeEach
    void listenerAssigned() {
        ContainerTestUtils.waitForAssignment(listeners.getListenerContainer(SttKafkaListener.LISTENER_ID), 4);
    }
}
