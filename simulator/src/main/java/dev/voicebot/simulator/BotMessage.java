package dev.voicebot.simulator;

import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A text frame from the bot, read the way Exotel reads it (shared/reference/exotel.md §1.4): {@code media} with a
 * base64 PCM payload, {@code mark} with a name, {@code clear}. Exotel ignores {@code stream_sid} on these messages, so
 * it is not checked here. Anything else is {@link Invalid}.
 */
sealed interface BotMessage {

    /** Bot audio: PCM16LE at the call rate. */
    record Media(byte[] pcm) implements BotMessage {}

    record Mark(String name) implements BotMessage {}

    record Clear() implements BotMessage {}

    /** A frame Exotel could not act on, with the reason in words. */
    record Invalid(String problem) implements BotMessage {}

    static BotMessage parse(String text) {
        JsonNode root;
        try {
            root = ExotelWire.JSON.readTree(text);
        } catch (JacksonException e) {
            return new Invalid("not JSON: " + abbreviate(text));
        }
        if (root == null || !root.isObject()) {
            return new Invalid("not a JSON object: " + abbreviate(text));
        }
        JsonNode event = root.get("event");
        if (event == null || !event.isString()) {
            return new Invalid("no \"event\" field: " + abbreviate(text));
        }
        return switch (event.asString()) {
            case "media" -> media(root);
            case "mark" -> mark(root);
            case "clear" -> new Clear();
            default -> new Invalid("unknown event \"" + abbreviate(event.asString()) + "\"");
        };
    }

    private static BotMessage media(JsonNode root) {
        JsonNode payload = root.path("media").path("payload");
        if (!payload.isString()) {
            return new Invalid("media without a media.payload string");
        }
        byte[] pcm;
        try {
            pcm = Base64.getDecoder().decode(payload.asString());
        } catch (IllegalArgumentException e) {
            return new Invalid("media.payload is not base64");
        }
        if (pcm.length == 0) {
            return new Invalid("media with an empty payload");
        }
        return new Media(pcm);
    }

    private static BotMessage mark(JsonNode root) {
        JsonNode name = root.path("mark").path("name");
        if (!name.isString() || name.asString().isEmpty()) {
            return new Invalid("mark without a mark.name string");
        }
        return new Mark(name.asString());
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
