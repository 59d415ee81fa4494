package dev.voicebot.llm.openai;

import dev.voicebot.llm.provider.AbstractChatProviderContractTest;
import dev.voicebot.llm.provider.CallFacts;
import dev.voicebot.llm.provider.ChatMessage;
import dev.voicebot.llm.provider.ChatProvider;
import dev.voicebot.llm.provider.ChatRequest;
import dev.voicebot.llm.provider.InputKind;
import dev.voicebot.llm.tools.CallControlTools;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The contract against the real API. Runs only when {@code OPENAI_API_KEY} is set; {@code
 * OPENAI_BASE_URL} and {@code OPENAI_MODEL} point it at another compatible server.
 */
@EnabledIfEnvironmentVariable(named = "OPENAI_API_KEY", matches = ".+")
class OpenAiChatProviderLiveTest extends AbstractChatProviderContractTest {

    private static final String BASE_URL = System.getenv().getOrDefault("OPENAI_BASE_URL", "https://api.openai.com/v1");
    private static final String MODEL = System.getenv().getOrDefault("OPENAI_MODEL", "gpt-4o-mini");

    private final ChatProvider provider = provider(MODEL);

    private static ChatProvider provider(String model) {
        return new OpenAiChatProvider(
                new OpenAiSettings(
                        BASE_URL,
                        System.getenv("OPENAI_API_KEY"),
                        model,
                        0.0,
                        100,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(40),
                        true),
                new OkHttpClient());
    }

    @Override
    protected ChatProvider provider() {
        return provider;
    }

    @Override
    protected ChatRequest requestAnsweredWithText() {
        return request(
                "You are a clinic receptionist on the phone. Answer in one short sentence.", "When do you open?");
    }

    @Override
    protected ChatRequest requestAnsweredWithEndCall() {
        return request(
                "You are a clinic receptionist on the phone. When the caller says goodbye, say goodbye and call"
                        + " the end_call tool in the same reply.",
                "That's everything, thank you. Goodbye!");
    }

    @Override
    protected Optional<ChatRequest> requestFailingPermanently() {
        return Optional.empty(); // a bad model is a per-provider setting; covered against the loopback server
    }

    private static ChatRequest request(String system, String callerSaid) {
        return new ChatRequest(
                system,
                List.of(ChatMessage.user(InputKind.SPEECH, callerSaid)),
                CallControlTools.SPECS,
                new CallFacts("+919876543210", "+918041234567", null, Map.of(), ZonedDateTime.now()));
    }
}
