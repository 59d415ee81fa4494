package dev.voicebot.dialer.campaign;

import java.time.Duration;

/**
 * Time-outs and delays shared by all campaigns.
 *
 * @param statusTimeout how long a placed call may go without a terminal status callback
 * @param unconfirmedTimeout how long a dial of unknown outcome waits for a callback before the
 *     number is called again
 * @param transientRetryDelay wait before retrying a row Exotel did not take
 */
public record CampaignTimeouts(Duration statusTimeout, Duration unconfirmedTimeout, Duration transientRetryDelay) {}
