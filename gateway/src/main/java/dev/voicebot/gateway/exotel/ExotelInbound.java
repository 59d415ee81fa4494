package dev.voicebot.gateway.exotel;

import java.util.Locale;
import java.util.Map;

/**
 * One message Exotel sent on a Voicebot or Stream socket, as {@link ExotelCodec#parse(String)} read
 * it, or the reason it could not be read. Numbers Exotel may omit are {@code -1} when absent.
 */
public sealed interface ExotelInbound {

    /** {@code connected}: the socket is up; {@code start} follows. */
    record Connected() implements ExotelInbound {}

    /**
     * {@code start}: the call's identity and audio format.
     *
     * @param customParameters {@code start.custom_parameters}, empty when absent
     * @param mediaFormat {@code null} when Exotel sent none
     */
    record Start(
            long sequenceNumber,
            String streamSid,
            String callSid,
            String accountSid,
            String from,
            String to,
            Map<String, String> customParameters,
            MediaFormat mediaFormat)
            implements ExotelInbound {

        public Start {
            customParameters = Map.copyOf(customParameters);
        }
    }

    /**
     * {@code start.media_format}.
     *
     * @param sampleRate Hz, or -1 when absent
     * @param bitRate as sent ({@code 128} and {@code 16} are both documented), or -1 when absent
     */
    record MediaFormat(String encoding, int sampleRate, int bitRate) {}

    /**
     * {@code media}: caller audio, already base64-decoded.
     *
     * @param pcm PCM16 little-endian mono at the stream's rate, exactly as Exotel sent it
     * @param timestampMs milliseconds since the stream started, or -1
     */
    record Media(long sequenceNumber, String streamSid, long chunk, long timestampMs, byte[] pcm)
            implements ExotelInbound {}

    /**
     * {@code dtmf}: a key press.
     *
     * @param digit one of 0-9, {@code *}, {@code #}
     * @param durationMs how long the key was held, or -1
     */
    record Dtmf(long sequenceNumber, String streamSid, String digit, long durationMs) implements ExotelInbound {}

    /** {@code mark}: the audio sent before the mark of this name has played. */
    record Mark(long sequenceNumber, String streamSid, String name) implements ExotelInbound {}

    /**
     * {@code stop}: the stream is over.
     *
     * @param reason {@code reason} as sent, {@code null} when absent
     */
    record Stop(long sequenceNumber, String streamSid, String callSid, String accountSid, String reason)
            implements ExotelInbound {

        /** {@code callended}: the caller hung up; anything else means the applet stopped the stream. */
        public boolean callerHungUp() {
            return reason != null && reason.strip().equalsIgnoreCase("callended");
        }
    }

    /** A text frame that is not a usable Exotel message; {@code event} is {@code null} when unknown. */
    record Rejected(Problem problem, String event, String detail) implements ExotelInbound {}

    /** Why a text frame was rejected; {@link #tag()} is its metric and log label. */
    enum Problem {
        MALFORMED_JSON,
        NOT_AN_OBJECT,
        MISSING_EVENT,
        UNKNOWN_EVENT,
        MISSING_FIELD,
        INVALID_NUMBER,
        INVALID_BASE64,
        INVALID_DTMF_DIGIT;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
