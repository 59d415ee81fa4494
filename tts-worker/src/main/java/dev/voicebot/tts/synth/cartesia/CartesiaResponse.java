package dev.voicebot.tts.synth.cartesia;

import dev.voicebot.tts.synth.SynthesisException;
import java.util.Base64;
import tools.jackson.databind.JsonNode;

/**
 * One server message of Cartesia's TTS WebSocket: {@code chunk} (base64 {@code data}), {@code
 * flush_done}, {@code done}, {@code error}, or something this client does not use (timestamps).
 */
record CartesiaResponse(Type type, String contextId, byte[] audio, SynthesisException error) {

    enum Type {
        CHUNK,
        FLUSH_DONE,
        DONE,
        ERROR,
        OTHER
    }

    static CartesiaResponse parse(JsonNode message) {
        String contextId = message.path("context_id").isString()
                ? message.path("context_id").asString()
                : null;
        String type = message.path("type").asString("");
        boolean isError = type.equals("error") || (type.isEmpty() && message.has("error"));
        if (isError) {
            return new CartesiaResponse(Type.ERROR, contextId, null, error(message));
        }
        if (type.equals("chunk") || (type.isEmpty() && message.path("data").isString())) {
            byte[] audio = Base64.getDecoder().decode(message.path("data").asString(""));
            return new CartesiaResponse(Type.CHUNK, contextId, audio, null);
        }
        if (type.equals("flush_done") || message.path("flush_done").asBoolean(false)) {
            return new CartesiaResponse(Type.FLUSH_DONE, contextId, null, null);
        }
        if (type.equals("done") || (type.isEmpty() && message.path("done").asBoolean(false))) {
            return new CartesiaResponse(Type.DONE, contextId, null, null);
        }
        return new CartesiaResponse(Type.OTHER, contextId, null, null);
    }

    /** Error messages carry a status code and, depending on the API version, title/message/error_code or error. */
    private static SynthesisException error(JsonNode message) {
        int status = message.path("status_code").asInt(500);
        StringBuilder detail = new StringBuilder("Cartesia error ").append(status);
        for (String field : new String[] {"error_code", "title", "message", "error"}) {
            String value = message.path(field).asString("");
            if (!value.isBlank()) {
                detail.append(": ").append(value.length() > 200 ? value.substring(0, 200) : value);
            }
        }
        return new SynthesisException(SynthesisException.kindOfHttpStatus(status), detail.toString());
    }
}
