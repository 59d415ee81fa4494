package dev.voicebot.tts.synth.cartesia;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Cartesia's TTS WebSocket.
 *
 * @param url {@code wss://api.cartesia.ai/tts/websocket}, or a local server in tests
 * @param apiKey sent in the {@code X-API-Key} header of the handshake, never in the URL
 * @param version the {@code Cartesia-Version} date the message shapes below were written against
 * @param modelId e.g. {@code sonic-2}
 * @param voiceId a Cartesia voice id
 * @param language e.g. {@code en}
 * @param continuationWindow how long after a context's last audio a following piece may still
 *     continue it; Cartesia expires a context one second after its last audio, so a piece arriving
 *     later starts a new context
 * @param connectTimeout handshake timeout
 */
public record CartesiaSettings(
        String url,
        String apiKey,
        String version,
        String modelId,
        String voiceId,
        String language,
        Duration continuationWindow,
        Duration connectTimeout) {

    public CartesiaSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(voiceId, "voiceId");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(continuationWindow, "continuationWindow");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException(
                    "Cartesia needs an API key: set CARTESIA_API_KEY (voicebot.tts.cartesia.api-key)");
        }
    }

    @Override
    public String toString() {
        return "CartesiaSettings[url=" + url + ", version=" + version + ", model=" + modelId + ", voice=" + voiceId
                + ", language=" + language + "]";
    }
}
