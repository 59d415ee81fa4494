package dev.voicebot.simulator;

import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON text frames Exotel sends to a Voicebot (shared/reference/exotel.md §1.3): snake_case keys,
 * {@code sequence_number} and {@code media.chunk} as numbers, {@code media.timestamp}, {@code dtmf.duration}
 * and every {@code media_format} value as strings. {@code connected} carries nothing but its event name.
 */
final class ExotelWire {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Exotel's raw/slin format: 16-bit signed little-endian mono PCM. */
    static final String ENCODING = "raw";

    private ExotelWire() {}

    static String connected() {
        return JSON.createObjectNode().put("event", "connected").toString();
    }

    static String start(long sequence, CallIdentity call, Map<String, String> customParameters, int sampleRate) {
        ObjectNode root = envelope("start", sequence, call.streamSid());
        ObjectNode start = root.putObject("start");
        start.put("stream_sid", call.streamSid());
        start.put("call_sid", call.callSid());
        start.put("account_sid", call.accountSid());
        start.put("from", call.from());
        start.put("to", call.to());
        ObjectNode custom = start.putObject("custom_parameters");
        customParameters.forEach(custom::put);
        ObjectNode format = start.putObject("media_format");
        format.put("encoding", ENCODING);
        format.put("sample_rate", Integer.toString(sampleRate));
        format.put("bit_rate", Integer.toString(bitRateKbps(sampleRate)));
        return root.toString();
    }

    static String media(long sequence, String streamSid, long chunk, long timestampMillis, String base64Payload) {
        ObjectNode root = envelope("media", sequence, streamSid);
        ObjectNode media = root.putObject("media");
        media.put("chunk", chunk);
        media.put("timestamp", Long.toString(timestampMillis));
        media.put("payload", base64Payload);
        return root.toString();
    }

    static String dtmf(long sequence, String streamSid, char digit, long durationMillis) {
        ObjectNode root = envelope("dtmf", sequence, streamSid);
        ObjectNode dtmf = root.putObject("dtmf");
        dtmf.put("digit", String.valueOf(digit));
        dtmf.put("duration", Long.toString(durationMillis));
        return root.toString();
    }

    static String mark(long sequence, String streamSid, String name) {
        ObjectNode root = envelope("mark", sequence, streamSid);
        root.putObject("mark").put("name", name);
        return root.toString();
    }

    static String stop(long sequence, CallIdentity call, StopReason reason) {
        ObjectNode root = envelope("stop", sequence, call.streamSid());
        ObjectNode stop = root.putObject("stop");
        stop.put("call_sid", call.callSid());
        stop.put("account_sid", call.accountSid());
        stop.put("reason", reason.wireValue());
        return root.toString();
    }

    /** 16-bit mono PCM: 8000 Hz is the documented {@code "128"} kbps; other rates scale with it. */
    static int bitRateKbps(int sampleRate) {
        return sampleRate * 16 / 1000;
    }

    private static ObjectNode envelope(String event, long sequence, String streamSid) {
        ObjectNode root = JSON.createObjectNode();
        root.put("event", event);
        root.put("sequence_number", sequence);
        root.put("stream_sid", streamSid);
        return root;
    }
}
