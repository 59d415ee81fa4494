package dev.voicebot.llm.config;

import dev.voicebot.common.script.StandardLines;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The LLM worker's settings ({@code voicebot.llm.*}).
 *
 * @param provider {@code auto} (OpenAI-compatible when an API key is set, else the scripted
 *     agent), {@code scripted} or {@code openai}
 * @param script the scripted agent's script: a file path or {@code classpath:...}
 * @param systemPrompt the language model's system prompt template (see {@code
 *     SystemPromptTemplate})
 * @param timezone the calls' local time zone
 * @param maxCallDuration the longest a call may last
 * @param speechCharactersPerSecond speaking rate for estimating what a caller heard
 * @param defaultSampleRate audio rate for a call whose start was never seen
 * @param maxToolRounds application tool rounds per bot turn
 * @param dtmfInterDigit keys pressed within this gap form one input
 * @param consumerThreads Kafka consumer threads; each owns the calls of its partitions
 * @param stateMaxAge saved conversations older than this are not restored
 * @param fillerDelay a reply with no segment this long after the caller's input gets the filler
 *     line ({@code lines.filler}) first; 0 turns fillers off
 * @param deadline how long a cloud reply may keep the caller waiting before the fallback line
 */
@ConfigurationProperties("voicebot.llm")
public record LlmWorkerProperties(
        String provider,
        String script,
        String systemPrompt,
        String timezone,
        Greeting greeting,
        Idle idle,
        Duration maxCallDuration,
        Lines lines,
        Double speechCharactersPerSecond,
        Integer defaultSampleRate,
        Integer maxToolRounds,
        Duration dtmfInterDigit,
        Integer consumerThreads,
        Duration stateMaxAge,
        Retry retry,
        OpenAi openai,
        Duration fillerDelay,
        Deadline deadline) {

    public LlmWorkerProperties {
        provider = provider == null || provider.isBlank() ? "auto" : provider.strip();
        script = script == null || script.isBlank() ? "classpath:scripts/appointments.yaml" : script.strip();
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
        timezone = timezone == null || timezone.isBlank() ? "Asia/Kolkata" : timezone.strip();
        greeting = greeting == null ? new Greeting(null, null, null) : greeting;
        idle = idle == null ? new Idle(null, null) : idle;
        maxCallDuration = maxCallDuration == null ? Duration.ofMinutes(30) : maxCallDuration;
        lines = lines == null ? new Lines(null, null, null, null, null, null) : lines;
        speechCharactersPerSecond = speechCharactersPerSecond == null ? 15.0 : speechCharactersPerSecond;
        defaultSampleRate = defaultSampleRate == null ? 8000 : defaultSampleRate;
        maxToolRounds = maxToolRounds == null ? 3 : maxToolRounds;
        dtmfInterDigit = dtmfInterDigit == null ? Duration.ofMillis(1200) : dtmfInterDigit;
        consumerThreads = consumerThreads == null ? 2 : consumerThreads;
        stateMaxAge = stateMaxAge == null ? Duration.ofHours(2) : stateMaxAge;
        retry = retry == null ? new Retry(null, null, null) : retry;
        openai = openai == null ? new OpenAi(null, null, null, null, null, null, null, null, null) : openai;
        fillerDelay = fillerDelay == null ? Duration.ofMillis(1000) : fillerDelay;
        deadline = deadline == null ? new Deadline(null, null) : deadline;
    }

    /**
     * Limits on a cloud reply, retries included, above the HTTP client's own timeouts.
     *
     * @param firstOutput no text or tool call by then: the request is given up
     * @param stall no further output for this long once it began: the request is given up
     */
    public record Deadline(Duration firstOutput, Duration stall) {
        public Deadline {
            firstOutput = firstOutput == null ? Duration.ofSeconds(5) : firstOutput;
            stall = stall == null ? Duration.ofSeconds(4) : stall;
        }
    }

    /**
     * @param inbound the bot speaks first on inbound calls
     * @param outbound the bot speaks first on outbound calls (else it waits for the callee)
     * @param text a fixed greeting template instead of the agent's opening; blank for the agent's
     */
    public record Greeting(Boolean inbound, Boolean outbound, String text) {
        public Greeting {
            inbound = inbound == null || inbound;
            outbound = outbound != null && outbound;
            text = text == null ? "" : text;
        }
    }

    /**
     * @param timeout caller silence before a reprompt
     * @param maxReprompts reprompts in a row before the bot hangs up
     */
    public record Idle(Duration timeout, Integer maxReprompts) {
        public Idle {
            timeout = timeout == null ? Duration.ofSeconds(8) : timeout;
            maxReprompts = maxReprompts == null ? 2 : maxReprompts;
        }
    }

    /** Lines the worker speaks itself; with the scripted agent the script's win where it has them. */
    public record Lines(
            String fallback, String silenceGoodbye, String goodbye, String transfer, String timeLimit, String filler) {
        public Lines {
            fallback = orDefault(fallback, StandardLines.FALLBACK);
            silenceGoodbye = orDefault(silenceGoodbye, "I can't hear anything, so I'll end the call now. Goodbye.");
            goodbye = orDefault(goodbye, "Thank you for calling. Goodbye.");
            transfer = orDefault(transfer, "Please hold while I transfer you.");
            timeLimit = orDefault(timeLimit, "We've reached the time limit for this call. Thank you, goodbye.");
            filler = orDefault(filler, StandardLines.FILLER);
        }
    }

    /**
     * Retries of retryable provider failures that happen before any output.
     *
     * @param maxRetries extra attempts per request
     * @param backoff the first wait, doubled per attempt
     * @param maxWait the longest wait, also for a provider's Retry-After
     */
    public record Retry(Integer maxRetries, Duration backoff, Duration maxWait) {
        public Retry {
            maxRetries = maxRetries == null ? 2 : maxRetries;
            backoff = backoff == null ? Duration.ofMillis(200) : backoff;
            maxWait = maxWait == null ? Duration.ofSeconds(2) : maxWait;
        }
    }

    /** The OpenAI-compatible provider: {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}, {@code OPENAI_MODEL}. */
    public record OpenAi(
            String baseUrl,
            String apiKey,
            String model,
            Double temperature,
            Integer maxTokens,
            Duration connectTimeout,
            Duration readTimeout,
            Duration callTimeout,
            Boolean includeUsage) {
        public OpenAi {
            baseUrl = orDefault(baseUrl, "https://api.openai.com/v1");
            apiKey = apiKey == null ? "" : apiKey.strip();
            model = orDefault(model, "gpt-4o-mini");
            temperature = temperature == null ? 0.4 : temperature;
            maxTokens = maxTokens == null ? 300 : maxTokens;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(3) : connectTimeout;
            readTimeout = readTimeout == null ? Duration.ofSeconds(8) : readTimeout;
            callTimeout = callTimeout == null ? Duration.ofSeconds(30) : callTimeout;
            includeUsage = includeUsage == null || includeUsage;
        }

        @Override
        public String toString() {
            return "OpenAi[" + baseUrl + ", " + model + ", key " + (apiKey.isEmpty() ? "none" : "set") + "]";
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
