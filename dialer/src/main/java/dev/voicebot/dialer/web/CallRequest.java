package dev.voicebot.dialer.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** {@code POST /calls}: one outbound call with everything the API lets a client choose. */
public record CallRequest(
        @Schema(
                description = "The customer: E.164 or an Indian national form",
                example = "+919876543210",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonProperty("phone_number")
        String phoneNumber,

        @Schema(
                description =
                        "two-numbers (ExoPhone first, then the customer), flow (customer to an App Bazaar flow) or voice-ai (Connect Voice AI socket); default DIALER_MODE",
                allowableValues = {"two-numbers", "flow", "voice-ai"})
        @JsonProperty("mode")
        String mode,

        @Schema(
                description =
                        "Values the bot may use in the conversation (name, amount due…); they reach the LLM worker",
                example = "{\"name\":\"Asha\",\"amount_due\":\"1200\"}")
        @JsonProperty("variables")
        Map<String, String> variables,

        @Schema(
                description =
                        "The number the customer sees, instead of EXOTEL_PHONE_NUMBER (must be one of your ExoPhones)")
        @JsonProperty("caller_id")
        String callerId,

        @Schema(description = "Maximum call length in seconds, 1-14400", example = "600")
        @JsonProperty("time_limit_seconds")
        Integer timeLimitSeconds,

        @Schema(description = "Ask Exotel to record the call") @JsonProperty("record")
        Boolean record,

        @Schema(description = "App Bazaar app id for flow mode, instead of EXOTEL_FLOW_APP_ID")
        @JsonProperty("flow_app_id")
        String flowAppId,

        @Schema(
                description =
                        "Makes retries safe: a repeated key returns the first call instead of placing another (the Idempotency-Key header does the same)")
        @JsonProperty("idempotency_key")
        String idempotencyKey) {}
