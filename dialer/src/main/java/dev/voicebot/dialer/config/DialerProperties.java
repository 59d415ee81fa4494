package dev.voicebot.dialer.config;

import dev.voicebot.common.kafka.Topics;
import dev.voicebot.common.privacy.Redact;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The dialer's settings; application.yml maps each to its environment variable (in brackets).
 *
 * @param apiKey the bearer key API clients send ({@code DIALER_API_KEY})
 * @param authDisabled run without API authentication, for local development only ({@code
 *     DIALER_AUTH_DISABLED})
 * @param publicUrl the dialer's base URL as Exotel reaches it, for status callbacks ({@code
 *     DIALER_PUBLIC_URL}); blank means {@code http://localhost:<port>}
 * @param callbackToken the secret in the status-callback URL ({@code DIALER_CALLBACK_TOKEN}); blank
 *     derives a stable one from the Exotel API token
 * @param mode the Connect mode when a request names none: two-numbers, flow or voice-ai ({@code
 *     DIALER_MODE})
 * @param streamUrl the gateway's {@code wss://} URL for voice-ai calls ({@code DIALER_STREAM_URL})
 * @param streamSampleRate the {@code sample-rate} asked for in voice-ai stream URLs ({@code
 *     DIALER_STREAM_SAMPLE_RATE})
 * @param flowAppId the App Bazaar app id for flow mode ({@code EXOTEL_FLOW_APP_ID})
 * @param statusCallbackJson ask Exotel for JSON status callbacks where the mode documents it
 */
@ConfigurationProperties("dialer")
public record DialerProperties(
        String apiKey,
        boolean authDisabled,
        String publicUrl,
        String callbackToken,
        String mode,
        String streamUrl,
        Integer streamSampleRate,
        String flowAppId,
        Boolean statusCallbackJson,
        Rate rate,
        Campaigns campaigns,
        Calls calls) {

    public DialerProperties {
        mode = mode == null || mode.isBlank() ? "two-numbers" : mode;
        streamSampleRate = streamSampleRate == null ? 8000 : streamSampleRate;
        statusCallbackJson = statusCallbackJson == null || statusCallbackJson;
        rate = rate == null ? new Rate(null, null, null, null, null, null, null) : rate;
        campaigns = campaigns == null
                ? new Campaigns(null, null, null, null, null, null, null, null, null, null, null, null, null)
                : campaigns;
        calls = calls == null ? new Calls(null, null, null) : calls;
        if (streamSampleRate != 8000 && streamSampleRate != 16000 && streamSampleRate != 24000) {
            throw new IllegalArgumentException("DIALER_STREAM_SAMPLE_RATE must be 8000, 16000 or 24000");
        }
    }

    @Override
    public String toString() {
        return "DialerProperties[authDisabled=" + authDisabled + ", publicUrl=" + publicUrl + ", mode=" + mode
                + ", streamUrl=" + Redact.url(streamUrl) + ", rate=" + rate + ", campaigns=" + campaigns
                + ", api key and callback token hidden]";
    }

    /**
     * Pacing of Connect requests for the whole account.
     *
     * @param callsPerMinute Exotel's Connect rate for the account ({@code EXOTEL_CALLS_PER_MINUTE}, 200)
     * @param burst requests allowed back to back before pacing applies (1: evenly spaced)
     * @param queueLimit API requests that may wait for a slot at once; more get 429
     * @param maxQueueWait the longest an API request waits for a slot; longer gets 429
     * @param retriesOn429 how often a request Exotel answers with 429 is retried
     * @param retryBaseDelay the first back-off after Exotel's 429, doubled per retry
     * @param retryMaxDelay the longest back-off
     */
    public record Rate(
            Double callsPerMinute,
            Integer burst,
            Integer queueLimit,
            Duration maxQueueWait,
            Integer retriesOn429,
            Duration retryBaseDelay,
            Duration retryMaxDelay) {

        public Rate {
            callsPerMinute = callsPerMinute == null ? 200.0 : callsPerMinute;
            burst = burst == null ? 1 : burst;
            queueLimit = queueLimit == null ? 100 : queueLimit;
            maxQueueWait = maxQueueWait == null ? Duration.ofSeconds(10) : maxQueueWait;
            retriesOn429 = retriesOn429 == null ? 3 : retriesOn429;
            retryBaseDelay = retryBaseDelay == null ? Duration.ofSeconds(1) : retryBaseDelay;
            retryMaxDelay = retryMaxDelay == null ? Duration.ofSeconds(16) : retryMaxDelay;
            if (!(callsPerMinute > 0) || burst < 1 || queueLimit < 0 || retriesOn429 < 0) {
                throw new IllegalArgumentException(
                        "dialer.rate: calls-per-minute must be positive, burst at least 1, queue-limit and"
                                + " retries-on429 not negative");
            }
        }
    }

    /**
     * Campaign dialing.
     *
     * @param enabled run campaigns on this instance (run exactly one dialer with campaigns enabled)
     * @param topic the compacted topic holding campaign state
     * @param concurrency calls of one campaign in progress at once, unless the campaign says otherwise
     * @param maxActiveCalls calls of all campaigns in progress at once
     * @param maxAttempts attempts per number, counting the first, for busy and no-answer
     * @param retryDelay wait before calling a busy or unanswered number again
     * @param callingHours when calls may start, {@code HH:mm-HH:mm} in {@code timeZone}
     * @param timeZone the zone of the calling hours
     * @param statusTimeout how long a placed call may go without a terminal status callback
     * @param unconfirmedTimeout how long to wait for a callback on a call whose placement is unknown
     *     (Exotel timed out, or the dialer stopped mid-request) before calling the number again
     * @param maxRows rows a campaign CSV may have
     * @param transientRetryDelay wait before retrying a row Exotel did not take (rate limit, outage)
     * @param retention how long a finished or cancelled campaign stays visible (and stored)
     */
    public record Campaigns(
            Boolean enabled,
            String topic,
            Integer concurrency,
            Integer maxActiveCalls,
            Integer maxAttempts,
            Duration retryDelay,
            String callingHours,
            String timeZone,
            Duration statusTimeout,
            Duration unconfirmedTimeout,
            Integer maxRows,
            Duration transientRetryDelay,
            Duration retention) {

        public Campaigns {
            enabled = enabled == null || enabled;
            topic = topic == null || topic.isBlank() ? Topics.DIALER_CAMPAIGNS : topic;
            concurrency = concurrency == null ? 10 : concurrency;
            maxActiveCalls = maxActiveCalls == null ? 50 : maxActiveCalls;
            maxAttempts = maxAttempts == null ? 3 : maxAttempts;
            retryDelay = retryDelay == null ? Duration.ofMinutes(30) : retryDelay;
            callingHours = callingHours == null || callingHours.isBlank() ? "09:00-21:00" : callingHours;
            timeZone = timeZone == null || timeZone.isBlank() ? "Asia/Kolkata" : timeZone;
            statusTimeout = statusTimeout == null ? Duration.ofHours(1) : statusTimeout;
            unconfirmedTimeout = unconfirmedTimeout == null ? Duration.ofMinutes(10) : unconfirmedTimeout;
            maxRows = maxRows == null ? 100_000 : maxRows;
            transientRetryDelay = transientRetryDelay == null ? Duration.ofSeconds(30) : transientRetryDelay;
            retention = retention == null ? Duration.ofDays(30) : retention;
            if (concurrency < 1 || maxActiveCalls < 1 || maxAttempts < 1 || maxRows < 1) {
                throw new IllegalArgumentException(
                        "dialer.campaigns: concurrency, max-active-calls, max-attempts and max-rows must be positive");
            }
        }
    }

    /**
     * What the dialer remembers about calls it placed (in memory).
     *
     * @param retention how long a call stays visible at {@code GET /calls/{sid}}
     * @param maxRecords calls remembered at most; the oldest go first
     * @param idempotencyRetention how long an idempotency key is remembered
     */
    public record Calls(Duration retention, Integer maxRecords, Duration idempotencyRetention) {

        public Calls {
            retention = retention == null ? Duration.ofHours(24) : retention;
            maxRecords = maxRecords == null ? 100_000 : maxRecords;
            idempotencyRetention = idempotencyRetention == null ? Duration.ofHours(24) : idempotencyRetention;
        }
    }
}
