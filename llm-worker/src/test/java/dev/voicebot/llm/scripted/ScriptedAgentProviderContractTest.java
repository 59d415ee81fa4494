package dev.voicebot.llm.scripted;

import dev.voicebot.common.script.AgentScript;
import dev.voicebot.llm.provider.AbstractChatProviderContractTest;
import dev.voicebot.llm.provider.CallFacts;
import dev.voicebot.llm.provider.ChatMessage;
import dev.voicebot.llm.provider.ChatProvider;
import dev.voicebot.llm.provider.ChatRequest;
import dev.voicebot.llm.provider.InputKind;
import dev.voicebot.llm.tools.CallControlTools;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;

/** The scripted agent keeps the same provider contract as a language model. */
class ScriptedAgentProviderContractTest extends AbstractChatProviderContractTest {

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ChatProvider provider = new ScriptedAgentProvider(AgentScript.demo(), executor);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Override
    protected ChatProvider provider() {
        return provider;
    }

    @Override
    protected ChatRequest requestAnsweredWithText() {
        return request("opening hours");
    }

    @Override
    protected ChatRequest requestAnsweredWithEndCall() {
        return request("goodbye");
    }

    private static ChatRequest request(String callerSaid) {
        return new ChatRequest(
                "",
                List.of(ChatMessage.assistant("Hello."), ChatMessage.user(InputKind.SPEECH, callerSaid)),
                CallControlTools.SPECS,
                new CallFacts("+919876543210", "+918041234567", null, Map.of(), ZonedDateTime.now()));
    }
}
