package dev.voicebot.simulator.connect;

import java.net.InetAddress;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * How the stand-in behaves; built with {@link ExotelApiStandIn.Builder}.
 *
 * @param address where the HTTP server listens
 * @param port the port, 0 for any free one
 * @param accountSid the account in {@code /v1/Accounts/{sid}/…}
 * @param apiKey the Basic user accepted; empty accepts any credentials (but some must be sent)
 * @param apiToken the Basic password accepted
 * @param voicebotUrl where the Voicebot applet of every flow (and of the ExoPhone a two-number call rings first)
 *     points
 * @param ringDelay how long a rung number takes to answer (or to turn out busy, unanswered or failed)
 * @param socketCallSid which {@code call_sid} a two-number call's socket carries
 * @param socketOpening when a two-number call's socket opens
 * @param startNumbers what {@code start.from} and {@code start.to} carry
 * @param rateLimitPerMinute requests allowed per 60 s, or empty for no limit
 * @param zone the time zone of Exotel's timestamps
 * @param callbackRetries retries of a status callback the receiver did not answer with 2xx
 * @param callbackRetryDelay the pause before each retry
 * @param callbackTimeout how long a receiver may take to answer
 * @param detailsLag how long after a call ends its EndTime, Duration and Price appear in Call Details
 * @param recordAudio whether each socket leg keeps both sides' audio (for tests; about 32 kB a second at 8 kHz)
 */
public record StandInSettings(
        InetAddress address,
        int port,
        String accountSid,
        Optional<String> apiKey,
        Optional<String> apiToken,
        String voicebotUrl,
        Duration ringDelay,
        SocketCallSid socketCallSid,
        SocketOpening socketOpening,
        StartNumbers startNumbers,
        Optional<Integer> rateLimitPerMinute,
        ZoneId zone,
        int callbackRetries,
        Duration callbackRetryDelay,
        Duration callbackTimeout,
        Duration detailsLag,
        boolean recordAudio) {

    public static final String DEFAULT_ACCOUNT_SID = "standin1";
    public static final String DEFAULT_VOICEBOT_URL = "ws://localhost:8765/ws";
    public static final Duration DEFAULT_RING_DELAY = Duration.ofMillis(500);
    /** Exotel's documented limit. */
    public static final int EXOTEL_RATE_LIMIT_PER_MINUTE = 200;
}
