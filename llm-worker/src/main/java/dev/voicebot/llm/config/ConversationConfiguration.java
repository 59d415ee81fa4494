package dev.voicebot.llm.config;

import dev.voicebot.llm.conversation.AgentLines;
import dev.voicebot.llm.conversation.ConversationEngine;
import dev.voicebot.llm.conversation.ConversationSettings;
import dev.voicebot.llm.conversation.SystemPromptTemplate;
import dev.voicebot.llm.conversation.TurnObserver;
import dev.voicebot.llm.kafka.ConversationListener;
import dev.voicebot.llm.kafka.KafkaBotOutput;
import dev.voicebot.llm.kafka.StateTopicReader;
import dev.voicebot.llm.provider.ChatProvider;
import dev.voicebot.llm.tools.AgentTool;
import dev.voicebot.llm.tools.ToolRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/** The conversations and their Kafka edges. */
@Configuration(proxyBeanMethods = false)
public class ConversationConfiguration {

    @Bean
    Clock llmClock() {
        return Clock.systemUTC();
    }

    /** Timers of all calls; their work is short and done under each call's lock. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService llmScheduler() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "llm-timers");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    /** Runs the scripted agent's answers and application tools, off the consumer threads. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService llmWorkerThreads() {
        return Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("llm-work-", 0).factory());
    }

    /** {@code voicebot.llm.first.segment}: input taken → first segment of the reply sent, per turn. */
    @Bean
    @ConditionalOnMissingBean
    TurnObserver turnObserver(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable();
        if (meters == null) {
            return TurnObserver.NONE;
        }
        Timer timer = Timer.builder("voicebot.llm.first.segment")
                .description("caller input taken -> first segment of the reply sent")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        return timer::record;
    }

    @Bean
    ToolRegistry toolRegistry(ObjectProvider<AgentTool> tools) {
        return new ToolRegistry(tools.orderedStream().toList());
    }

    @Bean
    KafkaBotOutput botOutput(KafkaTemplate<String, byte[]> kafkaTemplate) {
        return new KafkaBotOutput(kafkaTemplate);
    }

    @Bean
    StateTopicReader stateTopicReader(
            ConsumerFactory<String, byte[]> consumerFactory, LlmWorkerProperties properties, Clock llmClock) {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return new StateTopicReader(
                () -> (Consumer<String, byte[]>)
                        consumerFactory.createConsumer(null, "llm-state-reader", null, overrides),
                properties.stateMaxAge(),
                Duration.ofSeconds(15),
                llmClock);
    }

    @Bean
    ConversationSettings conversationSettings(
            LlmWorkerProperties properties, ProviderConfiguration.ProviderChoice providerChoice) {
        return new ConversationSettings(
                properties.idle().timeout(),
                properties.idle().maxReprompts(),
                properties.maxCallDuration(),
                properties.greeting().inbound(),
                properties.greeting().outbound(),
                properties.greeting().text(),
                properties.speechCharactersPerSecond(),
                properties.defaultSampleRate(),
                properties.maxToolRounds(),
                properties.dtmfInterDigit(),
                ZoneId.of(properties.timezone()),
                // the scripted agent answers locally, at once: a filler would only delay it
                providerChoice.name().equals("scripted") ? Duration.ZERO : properties.fillerDelay());
    }

    /** Closed after the listener container stopped, i.e. after the partitions were handed over. */
    @Bean(destroyMethod = "close")
    ConversationEngine conversationEngine(
            ChatProvider chatProvider,
            ToolRegistry toolRegistry,
            KafkaBotOutput botOutput,
            StateTopicReader stateTopicReader,
            LlmWorkerProperties properties,
            AgentLines agentLines,
            ConversationSettings conversationSettings,
            ScheduledExecutorService llmScheduler,
            ExecutorService llmWorkerThreads,
            Clock llmClock,
            TurnObserver turnObserver) {
        return new ConversationEngine(
                chatProvider,
                toolRegistry,
                botOutput,
                stateTopicReader,
                new SystemPromptTemplate(properties.systemPrompt(), ZoneId.of(properties.timezone())),
                agentLines,
                conversationSettings,
                llmScheduler,
                llmWorkerThreads,
                llmClock,
                turnObserver);
    }

    /**
     * One container for both input topics, so partition <i>n</i> of each goes to the same
     * consumer: the range assignor gives co-partitioned topics identical assignments.
     */
    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> conversationContainer(
            ConsumerFactory<String, byte[]> consumerFactory,
            ConversationEngine engine,
            StateTopicReader stateTopicReader,
            CommonErrorHandler errorHandler,
            LlmWorkerProperties properties,
            @Value("${spring.kafka.consumer.group-id:llm-worker}") String groupId) {
        ConversationListener listener = new ConversationListener(engine, stateTopicReader);
        ContainerProperties container = new ContainerProperties(ConversationListener.TOPICS.toArray(String[]::new));
        container.setGroupId(groupId);
        container.setMessageListener(listener);
        container.setConsumerRebalanceListener(listener);
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        overrides.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        container.setKafkaConsumerProperties(overrides);
        ConcurrentMessageListenerContainer<String, byte[]> listenerContainer =
                new ConcurrentMessageListenerContainer<>(consumerFactory, container);
        listenerContainer.setConcurrency(properties.consumerThreads());
        listenerContainer.setCommonErrorHandler(errorHandler);
        listenerContainer.setBeanName("llm-conversations");
        return listenerContainer;
    }
}
