package dev.voicebot.common.kafka;

import java.util.Locale;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Who a bot segment's words come from: the agent, or the worker covering for a late or failed provider. */
public enum SegmentKind {
    /** The agent's reply. */
    ANSWER,
    /** A short line said while the reply is late ("One moment."); not part of the answer. */
    FILLER,
    /** The apology said instead of a reply the provider failed to give. */
    FALLBACK;

    /** Marks a record with {@link HeaderNames#SEGMENT_KIND}; the agent's own segments carry no mark. */
    public void mark(Headers headers) {
        if (this != ANSWER) {
            headers.add(
                    HeaderNames.SEGMENT_KIND,
                    name().toLowerCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    /** The kind a record is marked with; unmarked or unknown marks are {@link #ANSWER}. */
    public static SegmentKind of(Headers headers) {
        Header header = headers.lastHeader(HeaderNames.SEGMENT_KIND);
        if (header == null) {
            return ANSWER;
        }
        String value = new String(header.value(), java.nio.charset.StandardCharsets.US_ASCII);
        for (SegmentKind kind : values()) {
            if (kind.name().equalsIgnoreCase(value)) {
                return kind;
            }
        }
        return ANSWER;
    }
}
