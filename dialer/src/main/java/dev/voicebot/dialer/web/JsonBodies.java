package dev.voicebot.dialer.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JSON request bodies whatever Content-Type the client sent (the seed accepted any), with
 * errors that name the field. Unknown fields are ignored.
 */
final class JsonBodies {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final int MAX_BODY = 1024 * 1024;

    private JsonBodies() {}

    /**
     * Reads the raw body: never through Spring's converters, which rebuild a form-typed body from
     * parameters (curl -d sends JSON as application/x-www-form-urlencoded).
     */
    static <T> T read(HttpServletRequest request, Class<T> type) {
        return read(RequestBodies.read(request, MAX_BODY), type);
    }

    static <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new InvalidRequestException("the request body is empty; send a JSON object");
        }
        try {
            T value = JSON.readValue(body, type);
            if (value == null) {
                throw new InvalidRequestException("the request body must be a JSON object");
            }
            return value;
        } catch (JacksonException e) {
            String field = e.getPath().stream()
                    .map(reference -> reference.getPropertyName() != null
                            ? reference.getPropertyName()
                            : Integer.toString(reference.getIndex()))
                    .collect(Collectors.joining("."));
            String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
            int newline = message.indexOf('\n');
            if (newline > 0) {
                message = message.substring(0, newline);
            }
            throw new InvalidRequestException(
                    field.isEmpty()
                            ? "the request body is not valid JSON: " + message
                            : "field '" + field + "': " + message);
        }
    }
}
