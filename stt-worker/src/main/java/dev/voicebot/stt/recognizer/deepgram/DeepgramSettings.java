package dev.voicebot.stt.recognizer.deepgram;

import java.time.Duration;

/**
 * Deepgram live streaming ({@code /v1/listen} over WebSocket). Defaults follow Deepgram's guidance
 * for voice agents: interim results on (needed for utterance end), endpointing after 300 ms of
 * silence, {@code UtteranceEnd} after 1 s without words, {@code SpeechStarted} events on.
 *
 * @param apiKey the key, sent as {@code Authorization: Token <key>}; never logged
 * @param url the endpoint, {@code wss://api.deepgram.com/v1/listen}
 * @param model e.g. {@code nova-3}
 * @param language e.g. {@code en}, {@code en-IN}
 * @param endpointingMs silence after which a result is {@code speech_final}
 * @param utteranceEndMs gap after the last word that produces {@code UtteranceEnd}
 * @param keepAlive how often {@code KeepAlive} is sent while no audio flows (Deepgram closes an idle
 *     stream after 10 s)
 * @param connectTimeout how long a connection attempt may take
 * @param reconnectAttempts connection attempts in a row before the session fails
 * @param reconnectBackoff wait before the first retry, doubled for each further one
 * @param replayLimit audio kept since the last final result, replayed after a reconnect
 * @param finalizeTimeout how long to wait for the results of {@code Finalize} before the
 *     utterance's result is reported from what arrived
 * @param closeTimeout how long to wait for Deepgram to close after {@code CloseStream}
 * @param refusalCooldown after Deepgram refused the key, new sessions fail at once for this long
 *     instead of asking again (no retry storm across calls)
 */
public record DeepgramSettings(
        String apiKey,
        String url,
        String model,
        String language,
        int endpointingMs,
        int utteranceEndMs,
        Duration keepAlive,
        Duration connectTimeout,
        int reconnectAttempts,
        Duration reconnectBackoff,
        Duration replayLimit,
        Duration finalizeTimeout,
        Duration closeTimeout,
        Duration refusalCooldown) {

    public static final String DEFAULT_URL = "wss://api.deepgram.com/v1/listen";

    public DeepgramSettings {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException(
                    "Deepgram needs an API key: set DEEPGRAM_API_KEY, or choose the embedded recognizer"
                            + " (VOICEBOT_STT_PROVIDER=pocketsphinx)");
        }
        if (reconnectAttempts < 0 || endpointingMs < 10 || utteranceEndMs < 1000) {
            throw new IllegalArgumentException("Deepgram needs reconnect attempts >= 0, endpointing >= 10 ms and"
                    + " utterance end >= 1000 ms (Deepgram's minimum)");
        }
    }

    public static DeepgramSettings defaults(String apiKey) {
        return new DeepgramSettings(
                apiKey,
                DEFAULT_URL,
                "nova-3",
                "en",
                300,
                1000,
                Duration.ofSeconds(4),
                Duration.ofSeconds(5),
                3,
                Duration.ofMillis(200),
                Duration.ofSeconds(15),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(60));
    }

    public DeepgramSettings withUrl(String endpoint) {
        return new DeepgramSettings(
                apiKey,
                endpoint,
                model,
                language,
                endpointingMs,
                utteranceEndMs,
                keepAlive,
                connectTimeout,
                reconnectAttempts,
                reconnectBackoff,
                replayLimit,
                finalizeTimeout,
                closeTimeout,
                refusalCooldown);
    }

    public DeepgramSettings withTimings(Duration keepAliveEvery, Duration backoff, Duration finalizeWait) {
        return new DeepgramSettings(
                apiKey,
                url,
                model,
                language,
                endpointingMs,
                utteranceEndMs,
                keepAliveEvery,
                connectTimeout,
                reconnectAttempts,
                backoff,
                replayLimit,
                finalizeWait,
                closeTimeout,
                refusalCooldown);
    }

    @Override
    public String toString() {
        return "DeepgramSettings[url=" + url + ", model=" + model + ", language=" + language + ", endpointing="
                + endpointingMs + " ms, apiKey=<hidden>]";
    }
}
