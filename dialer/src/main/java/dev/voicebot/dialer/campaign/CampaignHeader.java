package dev.voicebot.dialer.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A campaign without its rows: what is stored under the campaign's id. */
public record CampaignHeader(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("settings") CampaignSettings settings,
        @JsonProperty("row_count") int rowCount,
        @JsonProperty("status") CampaignStatus status,
        @JsonProperty("status_reason") String statusReason,
        @JsonProperty("updated_at") Instant updatedAt) {

    public CampaignHeader withStatus(CampaignStatus newStatus, String reason, Instant at) {
        return new CampaignHeader(id, name, createdAt, settings, rowCount, newStatus, reason, at);
    }
}
