package dev.voicebot.llm.openai;

import java.time.Duration;

/**
 * How to reach an OpenAI-compatible server.
 *
 * @param baseUrl up to and including the version, e.g. {@code https://api.openai.com/v1}, {@code
 *     https://api.groq.com/openai/v1}, {@code http://localhost:11434/v1} (Ollama)
 * @param apiKey sent as a bearer token; blank for servers that need none
 * @param maxTokens the reply's token limit, or 0 for the server's default
 * @param connectTimeout to open the connection
 * @param readTimeout the longest silence while waiting for the next bytes, the first token included
 * @param callTimeout the whole request, stream included
 * @param includeUsage ask for a final usage chunk ({@code stream_options.include_usage})
 */
public record OpenAiSettings(
        String baseUrl,
        String apiKey,
        String model,
        double temperature,
        int maxTokens,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        boolean includeUsage) {

    public OpenAiSettings {
        if (baseUrl == null || !baseUrl.matches("https?://.+")) {
            throw new IllegalArgumentException("the OpenAI base URL must be an http(s) URL, not '" + baseUrl + "'");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("the OpenAI model must be set (OPENAI_MODEL)");
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        apiKey = apiKey == null ? "" : apiKey.strip();
    }

    public String chatCompletionsUrl() {
        return baseUrl + "/chat/completions";
    }

    @Override
    public String toString() {
        return "OpenAiSettings[" + baseUrl + ", model " + model + ", key " + (apiKey.isEmpty() ? "none" : "set") + "]";
    }
}
