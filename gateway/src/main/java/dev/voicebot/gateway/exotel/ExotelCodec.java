package dev.voicebot.gateway.exotel;

import dev.voicebot.gateway.exotel.ExotelInbound.Problem;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Exotel Voicebot/Stream WebSocket protocol: reads what Exotel sends and writes what the bot
 * sends. Pure and thread-safe.
 *
 * <p>Reading is lenient because Exotel's documents disagree with each other: numbers may be JSON
 * numbers or numeric strings (optionally suffixed {@code Hz} or {@code kbps}); ids may be snake_case
 * or camelCase, at the top level or nested under {@code start}/{@code stop}; {@code
 * custom_parameters} may be an object, a string or missing; {@code media_format} may be missing.
 * Writing always uses {@code stream_sid} and sends only what Exotel documents.
 */
public final class ExotelCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonStringEncoder QUOTER = JsonStringEncoder.getInstance();
    private static final Pattern NUMERIC =
            Pattern.compile("(\\d{1,18})(?:\\.0*)?\\s*(?:hz|kbps)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DTMF_DIGIT = Pattern.compile("[0-9*#]");
    private static final Pattern PARAMETER_SEPARATOR = Pattern.compile("[&,;]");
    private static final int DETAIL_LIMIT = 60;

    /** Reads one text frame; never throws. */
    public ExotelInbound parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            return new ExotelInbound.Rejected(Problem.MALFORMED_JSON, null, abbreviate(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            return new ExotelInbound.Rejected(
                    Problem.NOT_AN_OBJECT, null, "a message is a JSON object, got " + kindOf(root));
        }
        String event = text(root, "event");
        if (event == null) {
            return new ExotelInbound.Rejected(Problem.MISSING_EVENT, null, "no 'event' field");
        }
        String name = event.strip().toLowerCase(Locale.ROOT);
        try {
            return switch (name) {
                case "connected" -> new ExotelInbound.Connected();
                case "start" -> start(root);
                case "media" -> media(root);
                case "dtmf" -> dtmf(root);
                case "mark" -> mark(root);
                case "stop" -> stop(root);
                default ->
                    new ExotelInbound.Rejected(
                            Problem.UNKNOWN_EVENT, abbreviate(event), "unknown event '" + abbreviate(event) + "'");
            };
        } catch (InvalidField e) {
            return new ExotelInbound.Rejected(e.problem, name, e.getMessage());
        }
    }

    /** Bot audio: PCM16 LE mono at the stream's rate, a multiple of 320 bytes. */
    public String media(String streamSid, byte[] pcm) {
        return mediaMessage(streamSid, pcm, null);
    }

    /**
     * Bot audio with {@code media.chunk} and {@code media.timestamp} (ms since the stream's first bot
     * audio), which Exotel's own sample bridges add. Undocumented and harmless.
     */
    public String media(String streamSid, byte[] pcm, long chunk, long timestampMs) {
        return mediaMessage(streamSid, pcm, "\"chunk\":" + chunk + ",\"timestamp\":\"" + timestampMs + "\",");
    }

    /** Asks Exotel to echo a {@code mark} of this name once the audio sent before it has played. */
    public String mark(String streamSid, String name) {
        StringBuilder json = new StringBuilder(80).append("{\"event\":\"mark\"");
        appendStreamSid(json, streamSid);
        json.append(",\"mark\":{\"name\":\"");
        QUOTER.quoteAsString(name, json);
        return json.append("\"}}").toString();
    }

    /** Drops the audio Exotel holds that has not started playing. */
    public String clear(String streamSid) {
        StringBuilder json = new StringBuilder(64).append("{\"event\":\"clear\"");
        appendStreamSid(json, streamSid);
        return json.append('}').toString();
    }

    private static String mediaMessage(String streamSid, byte[] pcm, String extraFields) {
        String payload = Base64.getEncoder().encodeToString(pcm);
        StringBuilder json = new StringBuilder(payload.length() + 120).append("{\"event\":\"media\"");
        appendStreamSid(json, streamSid);
        json.append(",\"media\":{");
        if (extraFields != null) {
            json.append(extraFields);
        }
        return json.append("\"payload\":\"").append(payload).append("\"}}").toString();
    }

    private static void appendStreamSid(StringBuilder json, String streamSid) {
        if (streamSid != null) {
            json.append(",\"stream_sid\":\"");
            QUOTER.quoteAsString(streamSid, json);
            json.append('"');
        }
    }

    private static ExotelInbound.Start start(JsonNode root) {
        JsonNode start = objectOrNull(root, "start");
        return new ExotelInbound.Start(
                number(root, "sequence_number", "sequenceNumber"),
                firstText(new JsonNode[] {root, start}, "stream_sid", "streamSid"),
                firstText(new JsonNode[] {start, root}, "call_sid", "callSid"),
                firstText(new JsonNode[] {start, root}, "account_sid", "accountSid"),
                firstText(new JsonNode[] {start, root}, "from"),
                firstText(new JsonNode[] {start, root}, "to"),
                customParameters(start, root),
                mediaFormat(start, root));
    }

    private static ExotelInbound.Media media(JsonNode root) {
        JsonNode media = objectOrNull(root, "media");
        if (media == null) {
            throw new InvalidField(Problem.MISSING_FIELD, "media without a 'media' object");
        }
        String payload = text(media, "payload");
        if (payload == null) {
            throw new InvalidField(Problem.MISSING_FIELD, "media without 'media.payload'");
        }
        byte[] pcm;
        try {
            pcm = Base64.getDecoder().decode(payload.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidField(Problem.INVALID_BASE64, "media.payload is not base64: " + e.getMessage());
        }
        return new ExotelInbound.Media(
                number(root, "sequence_number", "sequenceNumber"),
                firstText(new JsonNode[] {root, media}, "stream_sid", "streamSid"),
                number(media, "chunk"),
                number(media, "timestamp"),
                pcm);
    }

    private static ExotelInbound.Dtmf dtmf(JsonNode root) {
        JsonNode dtmf = objectOrNull(root, "dtmf");
        String digit = dtmf == null ? null : text(dtmf, "digit");
        if (digit == null) {
            throw new InvalidField(Problem.MISSING_FIELD, "dtmf without 'dtmf.digit'");
        }
        String trimmed = digit.strip();
        if (!DTMF_DIGIT.matcher(trimmed).matches()) {
            throw new InvalidField(
                    Problem.INVALID_DTMF_DIGIT, "dtmf digit '" + abbreviate(trimmed) + "' is not 0-9, * or #");
        }
        return new ExotelInbound.Dtmf(
                number(root, "sequence_number", "sequenceNumber"),
                firstText(new JsonNode[] {root, dtmf}, "stream_sid", "streamSid"),
                trimmed,
                number(dtmf, "duration"));
    }

    private static ExotelInbound.Mark mark(JsonNode root) {
        JsonNode mark = objectOrNull(root, "mark");
        String name = mark == null ? null : text(mark, "name");
        if (name == null) {
            throw new InvalidField(Problem.MISSING_FIELD, "mark without 'mark.name'");
        }
        return new ExotelInbound.Mark(
                number(root, "sequence_number", "sequenceNumber"),
                firstText(new JsonNode[] {root, mark}, "stream_sid", "streamSid"),
                name);
    }

    private static ExotelInbound.Stop stop(JsonNode root) {
        JsonNode stop = objectOrNull(root, "stop");
        JsonNode[] places = {stop, root};
        return new ExotelInbound.Stop(
                number(root, "sequence_number", "sequenceNumber"),
                firstText(new JsonNode[] {root, stop}, "stream_sid", "streamSid"),
                firstText(places, "call_sid", "callSid"),
                firstText(places, "account_sid", "accountSid"),
                firstText(places, "reason"));
    }

    private static Map<String, String> customParameters(JsonNode start, JsonNode root) {
        JsonNode[] places = {start, root};
        for (JsonNode place : places) {
            if (place == null) {
                continue;
            }
            for (String name : new String[] {"custom_parameters", "customParameters"}) {
                JsonNode value = place.get(name);
                if (value != null && !value.isNull()) {
                    return parameterMap(value);
                }
            }
        }
        return Map.of();
    }

    private static Map<String, String> parameterMap(JsonNode value) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (value.isObject()) {
            value.forEachEntry((key, v) -> parameters.put(key, v.isValueNode() ? v.asString("") : v.toString()));
        } else if (value.isString()) {
            String text = value.stringValue().strip();
            if (text.startsWith("{")) {
                try {
                    JsonNode parsed = MAPPER.readTree(text);
                    if (parsed != null && parsed.isObject()) {
                        return parameterMap(parsed);
                    }
                } catch (JacksonException e) {
                    // not JSON after all: read it as key=value pairs below
                }
            }
            for (String pair : PARAMETER_SEPARATOR.split(text)) {
                String item = pair.strip();
                if (item.isEmpty()) {
                    continue;
                }
                int equals = item.indexOf('=');
                if (equals < 0) {
                    parameters.put(item, "");
                } else {
                    parameters.put(
                            item.substring(0, equals).strip(),
                            item.substring(equals + 1).strip());
                }
            }
        }
        return parameters;
    }

    private static ExotelInbound.MediaFormat mediaFormat(JsonNode start, JsonNode root) {
        JsonNode format = objectOrNull(start, "media_format");
        format = format != null ? format : objectOrNull(start, "mediaFormat");
        format = format != null ? format : objectOrNull(root, "media_format");
        if (format == null) {
            return null;
        }
        return new ExotelInbound.MediaFormat(
                text(format, "encoding"),
                (int) Math.min(Integer.MAX_VALUE, number(format, "sample_rate", "sampleRate")),
                (int) Math.min(Integer.MAX_VALUE, number(format, "bit_rate", "bitRate")));
    }

    /** A JSON number or numeric string under the first of {@code names} present; -1 when absent. */
    private static long number(JsonNode parent, String... names) {
        if (parent == null) {
            return -1;
        }
        for (String name : names) {
            JsonNode value = parent.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
                return value.longValue();
            }
            if (value.isNumber() && value.doubleValue() >= 0 && value.doubleValue() == Math.rint(value.doubleValue())) {
                return (long) value.doubleValue();
            }
            if (value.isString()) {
                String text = value.stringValue().strip();
                if (text.isEmpty()) {
                    return -1;
                }
                Matcher matcher = NUMERIC.matcher(text);
                if (matcher.matches()) {
                    return Long.parseLong(matcher.group(1));
                }
            }
            throw new InvalidField(
                    Problem.INVALID_NUMBER, "'" + name + "' is not a number: " + abbreviate(value.toString()));
        }
        return -1;
    }

    private static String firstText(JsonNode[] places, String... names) {
        for (JsonNode place : places) {
            if (place == null) {
                continue;
            }
            for (String name : names) {
                String value = text(place, name);
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    /** A string or number field as text; {@code null} when absent, null or blank. */
    private static String text(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        if (value == null || !(value.isString() || value.isNumber())) {
            return null;
        }
        String text = value.asString();
        return text.isBlank() ? null : text;
    }

    private static JsonNode objectOrNull(JsonNode parent, String name) {
        if (parent == null) {
            return null;
        }
        JsonNode value = parent.get(name);
        return value != null && value.isObject() ? value : null;
    }

    private static String kindOf(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= DETAIL_LIMIT ? oneLine : oneLine.substring(0, DETAIL_LIMIT) + "…";
    }

    /** A field that makes the message unusable. */
    private static final class InvalidField extends RuntimeException {
        private final Problem problem;

        InvalidField(Problem problem, String message) {
            super(message, null, false, false);
            this.problem = problem;
        }
    }
}
