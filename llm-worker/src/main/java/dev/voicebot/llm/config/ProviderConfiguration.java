package dev.voicebot.llm.config;

import dev.voicebot.common.script.AgentScript;
import dev.voicebot.llm.conversation.AgentLines;
import dev.voicebot.llm.openai.OpenAiChatProvider;
import dev.voicebot.llm.openai.OpenAiSettings;
import dev.voicebot.llm.provider.ChatProvider;
import dev.voicebot.llm.provider.CircuitBreakingChatProvider;
import dev.voicebot.llm.provider.DeadlineChatProvider;
import dev.voicebot.llm.provider.RetryingChatProvider;
import dev.voicebot.llm.scripted.ScriptedAgentProvider;
import dev.voicebot.service.resilience.CircuitBreakers;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses and builds the language-model provider. */
@Configuration(proxyBeanMethods = false)
public class ProviderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProviderConfiguration.class);

    /** Which provider runs: {@code scripted} or {@code openai}. */
    public record ProviderChoice(String name) {
        static ProviderChoice of(LlmWorkerProperties properties) {
            return switch (properties.provider()) {
                case "scripted", "openai" -> new ProviderChoice(properties.provider());
                case "auto" -> new ProviderChoice(properties.openai().apiKey().isEmpty() ? "scripted" : "openai");
                default ->
                    throw new IllegalStateException("voicebot.llm.provider must be auto, scripted or openai, not '"
                            + properties.provider() + "'");
            };
        }
    }

    @Bean
    ProviderChoice providerChoice(LlmWorkerProperties properties) {
        ProviderChoice choice = ProviderChoice.of(properties);
        log.info(
                "llm provider: {}{}",
                choice.name(),
                choice.name().equals("openai") ? " (" + properties.openai() + ")" : " (" + properties.script() + ")");
        return choice;
    }

    @Bean(destroyMethod = "")
    OkHttpClient llmHttpClient() {
        return new OkHttpClient.Builder().retryOnConnectionFailure(true).build();
    }

    /** The agent script when the scripted agent runs ({@code script} is {@code null} otherwise). */
    public record LoadedScript(AgentScript script) {
        Optional<AgentScript> get() {
            return Optional.ofNullable(script);
        }
    }

    /** Loads and checks the script at start-up, so a bad one stops the worker with its place named. */
    @Bean
    LoadedScript loadedScript(ProviderChoice choice, LlmWorkerProperties properties) {
        return new LoadedScript(
                choice.name().equals("scripted") ? AgentScript.fromLocation(properties.script()) : null);
    }

    @Bean
    @ConditionalOnMissingBean
    ChatProvider chatProvider(
            ProviderChoice choice,
            LlmWorkerProperties properties,
            LoadedScript loadedScript,
            ObjectProvider<OkHttpClient> http,
            ExecutorService llmWorkerThreads,
            ScheduledExecutorService llmScheduler,
            ObjectProvider<CircuitBreakers> breakers) {
        if (choice.name().equals("scripted")) {
            return new ScriptedAgentProvider(loadedScript.get().orElseThrow(), llmWorkerThreads);
        }
        LlmWorkerProperties.OpenAi openai = properties.openai();
        OpenAiSettings settings = new OpenAiSettings(
                openai.baseUrl(),
                openai.apiKey(),
                openai.model(),
                openai.temperature(),
                openai.maxTokens(),
                openai.connectTimeout(),
                openai.readTimeout(),
                openai.callTimeout(),
                openai.includeUsage());
        LlmWorkerProperties.Retry retry = properties.retry();
        ChatProvider retrying = new RetryingChatProvider(
                new OpenAiChatProvider(settings, http.getObject()),
                retry.maxRetries(),
                retry.backoff(),
                retry.maxWait(),
                llmScheduler);
        LlmWorkerProperties.Deadline deadline = properties.deadline();
        ChatProvider timed = new DeadlineChatProvider(retrying, deadline.firstOutput(), deadline.stall(), llmScheduler);
        return new CircuitBreakingChatProvider(
                timed,
                breakers.getIfAvailable(CircuitBreakers::unmetered).create("llm", timed.name()),
                llmWorkerThreads);
    }

    @Bean
    AgentLines agentLines(LlmWorkerProperties properties, LoadedScript loadedScript) {
        Optional<AgentScript> agentScript = loadedScript.get();
        LlmWorkerProperties.Lines configured = properties.lines();
        if (agentScript.isEmpty()) {
            return new AgentLines(
                    configured.fallback(),
                    configured.silenceGoodbye(),
                    configured.goodbye(),
                    configured.transfer(),
                    configured.timeLimit(),
                    configured.filler());
        }
        AgentScript script = agentScript.get();
        return new AgentLines(
                script.render(script.lines().fallback()),
                script.render(script.lines().silenceGoodbye()),
                configured.goodbye(),
                configured.transfer(),
                configured.timeLimit(),
                configured.filler());
    }
}
