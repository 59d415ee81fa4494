package dev.voicebot.llm.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.script.ScriptException;
import dev.voicebot.llm.conversation.AgentLines;
import dev.voicebot.llm.provider.ChatProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ProviderConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LlmWorkerProperties.class)
    static class Executors_ {
        @Bean(destroyMethod = "shutdownNow")
        ExecutorService llmWorkerThreads() {
            return Executors.newVirtualThreadPerTaskExecutor();
        }

        @Bean(destroyMethod = "shutdownNow")
        ScheduledExecutorService llmScheduler() {
            return Executors.newSingleThreadScheduledExecutor();
        }
    }

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Executors_.class, ProviderConfiguration.class);

    @Test
    void withoutAKeyTheScriptedAgentRunsWithTheScriptsLines() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ChatProvider.class).name()).isEqualTo("scripted");
            assertThat(context.getBean(AgentLines.class).silenceGoodbye())
                    .isEqualTo("I'll let you go now. Please call Sunrise Family Clinic again any time. Goodbye.");
        });
    }

    @Test
    void aKeySelectsTheOpenAiCompatibleProvider() {
        runner.withPropertyValues(
                        "voicebot.llm.openai.api-key=sk-abc",
                        "voicebot.llm.openai.base-url=http://localhost:11434/v1",
                        "voicebot.llm.openai.model=llama3.2",
                        "voicebot.llm.lines.transfer=Connecting you to our front desk.")
                .run(context -> {
                    assertThat(context.getBean(ChatProvider.class).name()).isEqualTo("openai");
                    assertThat(context.getBean(AgentLines.class).transfer())
                            .isEqualTo("Connecting you to our front desk.");
                    assertThat(context.getBean(LlmWorkerProperties.class)
                                    .openai()
                                    .toString())
                            .doesNotContain("sk-abc");
                });
    }

    @Test
    void aMalformedScriptStopsStartUpNamingThePlace(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("broken.yaml"), """
                name: Broken
                greeting: {inbound: Hello}
                lines: {no_match: Sorry?}
                intents:
                  - id: book
                    examples: [book]
                    reply: Booked for {when}.
                """);

        runner.withPropertyValues("voicebot.llm.script=" + script).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            ScriptException cause = findScriptException(failure);
            assertThat(cause.getMessage()).startsWith(script + ": intents[0] (book).reply: unknown placeholder {when}");
            FailureAnalysis analysis = new ScriptFailureAnalyzer().analyze(failure);
            assertThat(analysis.getDescription()).contains("broken.yaml: intents[0] (book).reply");
        });
    }

    @Test
    void anUnknownProviderIsRefused() {
        runner.withPropertyValues("voicebot.llm.provider=gpt").run(context -> assertThat(context)
                .getFailure()
                .hasStackTraceContaining("voicebot.llm.provider must be auto, scripted or openai, not 'gpt'"));
    }

    private static ScriptException findScriptException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ScriptException script) {
                return script;
            }
        }
        throw new AssertionError("no ScriptException in", failure);
    }
}
