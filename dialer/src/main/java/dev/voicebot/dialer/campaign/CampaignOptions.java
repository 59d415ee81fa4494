package dev.voicebot.dialer.campaign;

/**
 * What a campaign request may set; null means the configured default.
 *
 * @param callerId a caller id override, already E.164
 */
public record CampaignOptions(
        String name,
        String mode,
        Integer concurrency,
        Double callsPerMinute,
        Integer maxAttempts,
        Long retryDelaySeconds,
        String callingHours,
        String timeZone,
        Integer timeLimitSeconds,
        Boolean record,
        String callerId,
        String flowAppId) {}
