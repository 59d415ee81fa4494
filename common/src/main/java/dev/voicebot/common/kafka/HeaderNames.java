package dev.voicebot.common.kafka;

/**
 * Record header names. Values are ASCII text (decimal numbers, {@code true}/{@code false}, topic
 * names) so that any Kafka tool can show them.
 */
public final class HeaderNames {

    /** The topic of the gateway holding the call's socket; copied from hop to hop. */
    public static final String ROUTE = "vb-route";

    /** {@code audio} or {@code event}: what a route-topic record's value is. */
    public static final String KIND = "vb-kind";

    /** Sample rate of an audio record's PCM, in Hz. */
    public static final String SAMPLE_RATE = "vb-sample-rate";

    /** Sequence number of an audio record within its call (inbound) or its turn (outbound). */
    public static final String SEQUENCE = "vb-seq";

    /** The bot turn an outbound record belongs to. */
    public static final String TURN = "vb-turn";

    /** {@code true} on the last audio record of a bot turn. */
    public static final String LAST = "vb-last";

    /** Microseconds since the epoch when the audio was captured (inbound) or produced (outbound). */
    public static final String CAPTURED_AT = "vb-captured-at";

    /** Milliseconds of call audio before this record's first sample. */
    public static final String AUDIO_OFFSET_MS = "vb-audio-offset-ms";

    /** Microseconds since the epoch when the turn's end of speech was detected; carried to measure the turn. */
    public static final String TURN_STARTED_AT = "vb-turn-started-at";

    /**
     * On a bot segment the worker said itself rather than the agent: {@code filler} (said while the
     * reply was late; not part of the answer) or {@code fallback} (the apology for a failed provider).
     * Absent on the agent's own segments. See {@link SegmentKind}.
     */
    public static final String SEGMENT_KIND = "vb-segment-kind";

    private HeaderNames() {}
}
