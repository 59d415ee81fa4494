package dev.voicebot.gateway.call;

import java.util.Map;

/**
 * What the socket's upgrade request said about the call.
 *
 * @param queryParameters the URL's query parameters, without the auth token and {@code sample-rate}
 * @param sampleRate the URL's {@code sample-rate} as written, {@code null} when absent
 * @param path the request path, e.g. {@code /ws} or {@code /ws/campaign-7}
 */
public record HandshakeParameters(Map<String, String> queryParameters, String sampleRate, String path) {

    public HandshakeParameters {
        queryParameters = Map.copyOf(queryParameters);
    }

    public static HandshakeParameters none() {
        return new HandshakeParameters(Map.of(), null, "/ws");
    }
}
