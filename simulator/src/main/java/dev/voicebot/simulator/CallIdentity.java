package dev.voicebot.simulator;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Who the simulated call is: the identifiers and numbers Exotel puts in {@code start}.
 *
 * @param callSid Exotel's call id
 * @param streamSid the stream id, sent at the top level and inside {@code start}
 * @param accountSid the Exotel account
 * @param from the caller's number
 * @param to the dialled ExoPhone
 */
public record CallIdentity(String callSid, String streamSid, String accountSid, String from, String to) {

    public static final String DEFAULT_FROM = "+919876543210";
    public static final String DEFAULT_TO = "+918000000000";
    public static final String DEFAULT_ACCOUNT_SID = "simulator1";

    private static final SecureRandom RANDOM = new SecureRandom();

    public CallIdentity {
        requireText(callSid, "call_sid");
        requireText(streamSid, "stream_sid");
        requireText(accountSid, "account_sid");
        requireText(from, "from");
        requireText(to, "to");
    }

    /** A 32-hex-digit id, the shape of Exotel's call and stream sids. */
    public static String randomSid() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
