package dev.voicebot.dialer.campaign;

import java.util.concurrent.CompletableFuture;

/**
 * Where campaign state changes are written, in the order they happen. A write completes when the
 * change is durable.
 */
public interface CampaignJournal {

    CompletableFuture<?> write(CampaignHeader header);

    CompletableFuture<?> write(CampaignRow row);

    /** Removes a campaign and its rows for good (tombstones on a compacted topic). */
    CompletableFuture<?> forget(String campaignId, int rowCount);
}
