package dev.voicebot.common.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Reads and writes the ASCII header values {@link HeaderNames} describes. */
public final class RecordHeaderValues {

    private RecordHeaderValues() {}

    public static void put(Headers headers, String name, String value) {
        if (value != null) {
            headers.remove(name);
            headers.add(name, value.getBytes(StandardCharsets.US_ASCII));
        }
    }

    public static void put(Headers headers, String name, long value) {
        put(headers, name, Long.toString(value));
    }

    public static void put(Headers headers, String name, boolean value) {
        put(headers, name, Boolean.toString(value));
    }

    /** The header's text, or {@code null} when absent. */
    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
    }

    /** The header as a number, or {@code fallback} when absent. */
    public static long number(Headers headers, String name, long fallback) {
        String text = text(headers, name);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new UndecodableRecordException("header " + name + " is not a number: '" + text + "'", e);
        }
    }

    public static boolean flag(Headers headers, String name) {
        return "true".equalsIgnoreCase(text(headers, name));
    }

    /** Copies the call's route from one record's headers to another's. */
    public static void copyRoute(Headers from, Headers to) {
        put(to, HeaderNames.ROUTE, text(from, HeaderNames.ROUTE));
    }
}
