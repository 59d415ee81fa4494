package dev.voicebot.stt.recognizer.deepgram;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server messages of Deepgram's live API that the recognizer uses, parsed leniently (unknown
 * fields ignored). Documented shapes: {@code Results} ({@code is_final}, {@code speech_final},
 * {@code from_finalize}, {@code start} and {@code duration} in seconds, {@code
 * channel.alternatives[0].transcript/confidence}), {@code UtteranceEnd} ({@code last_word_end}),
 * {@code SpeechStarted} ({@code timestamp}) and {@code Metadata} ({@code request_id}).
 */
sealed interface DeepgramMessage {

    JsonMapper JSON = JsonMapper.builder().build();

    record Results(
            String transcript,
            double confidence,
            double startSeconds,
            double durationSeconds,
            boolean isFinal,
            boolean speechFinal,
            boolean fromFinalize)
            implements DeepgramMessage {}

    record UtteranceEnd(double lastWordEndSeconds) implements DeepgramMessage {}

    record SpeechStarted(double timestampSeconds) implements DeepgramMessage {}

    record Metadata(String requestId) implements DeepgramMessage {}

    /** A message of a type this client does not use. */
    record Other(String type) implements DeepgramMessage {}

    /**
     * @throws IllegalArgumentException for text that is not JSON or lacks the fields its type needs
     */
    static DeepgramMessage parse(String text) {
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String type = json.path("type").asString("");
        return switch (type) {
            case "Results" -> results(json);
            case "UtteranceEnd" -> new UtteranceEnd(number(json, "last_word_end"));
            case "SpeechStarted" -> new SpeechStarted(number(json, "timestamp"));
            case "Metadata" -> new Metadata(json.path("request_id").asString(""));
            default -> new Other(type);
        };
    }

    private static Results results(JsonNode json) {
        JsonNode alternative = json.path("channel").path("alternatives").path(0);
        if (!alternative.isObject()) {
            throw new IllegalArgumentException("Results without channel.alternatives[0]");
        }
        return new Results(
                alternative.path("transcript").asString("").strip(),
                alternative.path("confidence").asDouble(-1),
                number(json, "start"),
                number(json, "duration"),
                json.path("is_final").asBoolean(false),
                json.path("speech_final").asBoolean(false),
                json.path("from_finalize").asBoolean(false));
    }

    private static double number(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException(json.path("type").asString("") + " without a numeric " + field);
        }
        return value.asDouble();
    }
}
