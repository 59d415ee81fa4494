package dev.voicebot.tts.synth.cartesia;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client messages of Cartesia's TTS WebSocket (docs.cartesia.ai, API reference "Text to Speech
 * (WebSocket)", Cartesia-Version 2024-11-13): a generation request per piece of text on a context,
 * a manual flush that marks where a piece's audio ends, and a cancel.
 */
final class CartesiaMessages {

    static final String CONTAINER = "raw";
    static final String ENCODING = "pcm_s16le";

    private final JsonMapper json;
    private final CartesiaSettings settings;

    CartesiaMessages(JsonMapper json, CartesiaSettings settings) {
        this.json = json;
        this.settings = settings;
    }

    /**
     * A piece of the context's transcript. Transcripts of one context are joined verbatim, so a
     * piece that will be continued ends with a space. Every request of a context repeats the same
     * model, voice, language and output format, as the API requires.
     */
    String generation(String contextId, String transcript, boolean continues, int sampleRate) {
        ObjectNode message = base(contextId, sampleRate);
        message.put("transcript", transcript);
        message.put("continue", continues);
        return json.writeValueAsString(message);
    }

    /**
     * A manual flush: empty transcript, {@code continue} and {@code flush} true. Cartesia answers
     * with {@code flush_done} after the audio of everything sent before it.
     */
    String flush(String contextId, int sampleRate) {
        ObjectNode message = base(contextId, sampleRate);
        message.put("transcript", "");
        message.put("continue", true);
        message.put("flush", true);
        return json.writeValueAsString(message);
    }

    String cancel(String contextId) {
        ObjectNode message = json.createObjectNode();
        message.put("context_id", contextId);
        message.put("cancel", true);
        return json.writeValueAsString(message);
    }

    private ObjectNode base(String contextId, int sampleRate) {
        ObjectNode message = json.createObjectNode();
        message.put("model_id", settings.modelId());
        ObjectNode voice = message.putObject("voice");
        voice.put("mode", "id");
        voice.put("id", settings.voiceId());
        message.put("language", settings.language());
        message.put("context_id", contextId);
        ObjectNode format = message.putObject("output_format");
        format.put("container", CONTAINER);
        format.put("encoding", ENCODING);
        format.put("sample_rate", sampleRate);
        return message;
    }
}
