package dev.voicebot.dialer.campaign;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.voicebot.dialer.exotel.ConnectMode;
import java.time.Duration;

/**
 * How one campaign dials; fixed when the campaign is created.
 *
 * @param mode Connect mode (two-numbers, flow, voice-ai)
 * @param concurrency calls of this campaign in progress at once
 * @param callsPerMinute the campaign's pace (the account's rate still applies on top)
 * @param maxAttempts attempts per number, counting the first, for busy and no-answer
 * @param retryDelaySeconds wait before calling a busy or unanswered number again
 * @param callingHours {@code HH:mm-HH:mm}
 * @param timeZone the calling hours' zone
 * @param timeLimitSeconds maximum call length, or null
 * @param record Exotel's Record flag, or null
 * @param callerId caller id override (E.164), or null for the ExoPhone
 * @param flowAppId App Bazaar app for flow mode, or null for the configured one
 */
public record CampaignSettings(
        @JsonProperty("mode") String mode,
        @JsonProperty("concurrency") int concurrency,
        @JsonProperty("calls_per_minute") double callsPerMinute,
        @JsonProperty("max_attempts") int maxAttempts,
        @JsonProperty("retry_delay_seconds") long retryDelaySeconds,
        @JsonProperty("calling_hours") String callingHours,
        @JsonProperty("time_zone") String timeZone,
        @JsonProperty("time_limit_seconds") Integer timeLimitSeconds,
        @JsonProperty("record") Boolean record,
        @JsonProperty("caller_id") String callerId,
        @JsonProperty("flow_app_id") String flowAppId) {

    public CampaignSettings {
        ConnectMode.fromWire(mode);
        CallingHours.parse(callingHours, timeZone);
        if (concurrency < 1 || !(callsPerMinute > 0) || maxAttempts < 1 || retryDelaySeconds < 0) {
            throw new IllegalArgumentException("concurrency, calls_per_minute and max_attempts must be positive,"
                    + " retry_delay_seconds not negative");
        }
        if (timeLimitSeconds != null && (timeLimitSeconds < 1 || timeLimitSeconds > 14_400)) {
            throw new IllegalArgumentException("time_limit_seconds must be 1-14400");
        }
    }

    @JsonIgnore
    public ConnectMode connectMode() {
        return ConnectMode.fromWire(mode);
    }

    @JsonIgnore
    public CallingHours hours() {
        return CallingHours.parse(callingHours, timeZone);
    }

    @JsonIgnore
    public Duration retryDelay() {
        return Duration.ofSeconds(retryDelaySeconds);
    }
}
