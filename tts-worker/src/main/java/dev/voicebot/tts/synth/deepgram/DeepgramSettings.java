package dev.voicebot.tts.synth.deepgram;

import java.util.Objects;

/**
 * How to reach Deepgram Aura's REST speech endpoint.
 *
 * @param baseUrl {@code https://api.deepgram.com}, or a local server in tests
 * @param apiKey sent as {@code Authorization: Token <key>}
 * @param model an Aura voice model, e.g. {@code aura-2-thalia-en}
 */
public record DeepgramSettings(String baseUrl, String apiKey, String model) {

    public DeepgramSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException(
                    "Deepgram needs an API key: set DEEPGRAM_API_KEY (voicebot.tts.deepgram.api-key)");
        }
    }

    @Override
    public String toString() {
        return "DeepgramSettings[baseUrl=" + baseUrl + ", model=" + model + "]";
    }
}
