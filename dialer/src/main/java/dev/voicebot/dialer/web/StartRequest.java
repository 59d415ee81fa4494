package dev.voicebot.dialer.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** The seed's request: {@code {"dialout_settings":{"phone_number":"+91…"}}}. */
@Schema(description = "Places a call in the configured mode, like the Pipecat outbound example's POST /start")
public record StartRequest(@JsonProperty("dialout_settings") DialoutSettings dialoutSettings) {

    /** The number to call. */
    public record DialoutSettings(
            @Schema(
                    description = "E.164, or an Indian national form (10 digits, 0-prefixed, 91-prefixed)",
                    example = "+919876543210")
            @JsonProperty("phone_number")
            String phoneNumber) {}
}
