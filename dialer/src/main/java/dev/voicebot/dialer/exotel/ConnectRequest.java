package dev.voicebot.dialer.exotel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One Connect API request, mode by mode as Exotel documents it (reference/exotel.md §3.2-3.4).
 *
 * @param customer the callee, E.164
 * @param exoPhone the bot's ExoPhone, E.164: {@code From} in two-numbers mode
 * @param callerId the number the customer sees, E.164 (the ExoPhone unless overridden)
 * @param flowUrl {@code http://my.exotel.com/{sid}/exoml/start_voice/{app_id}}, flow mode only
 * @param streamUrl our gateway's {@code wss://} URL with the call's correlation, voice-ai mode only
 * @param timeLimitSeconds maximum call length, 1-14400, or null for Exotel's default
 * @param record whether Exotel records the call, or null to leave it out
 * @param statusCallbackUrl where Exotel posts status callbacks, or null for none
 * @param statusCallbackJson ask for JSON callbacks (two-numbers mode documents this parameter)
 * @param customField our correlation, at most 128 characters; returned in status callbacks
 */
public record ConnectRequest(
        ConnectMode mode,
        String customer,
        String exoPhone,
        String callerId,
        String flowUrl,
        String streamUrl,
        Integer timeLimitSeconds,
        Boolean record,
        String statusCallbackUrl,
        boolean statusCallbackJson,
        String customField) {

    public static final int MAX_CUSTOM_FIELD = 128;
    public static final int MAX_STREAM_URL = 599;
    public static final int MAX_TIME_LIMIT_SECONDS = 14_400;

    public ConnectRequest {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(callerId, "callerId");
        switch (mode) {
            case TWO_NUMBERS -> Objects.requireNonNull(exoPhone, "two-numbers mode needs the bot's ExoPhone");
            case FLOW -> {
                if (flowUrl == null || flowUrl.isBlank()) {
                    throw new IllegalArgumentException("flow mode needs the flow's Url");
                }
            }
            case VOICE_AI -> {
                if (streamUrl == null || !(streamUrl.startsWith("wss://") || streamUrl.startsWith("ws://"))) {
                    throw new IllegalArgumentException("voice-ai mode needs a ws:// or wss:// StreamUrl");
                }
                if (streamUrl.length() > MAX_STREAM_URL) {
                    throw new IllegalArgumentException(
                            "Exotel takes a StreamUrl under 600 characters; this one has " + streamUrl.length());
                }
            }
        }
        if (timeLimitSeconds != null && (timeLimitSeconds < 1 || timeLimitSeconds > MAX_TIME_LIMIT_SECONDS)) {
            throw new IllegalArgumentException("time limit must be 1-" + MAX_TIME_LIMIT_SECONDS + " seconds");
        }
        if (customField != null && customField.length() > MAX_CUSTOM_FIELD) {
            throw new IllegalArgumentException("CustomField is limited to " + MAX_CUSTOM_FIELD + " characters");
        }
    }

    /** The form fields in the order they are sent. {@code To} and {@code Url} never go together. */
    public List<FormField> formFields(NumberStyle numbers) {
        List<FormField> fields = new ArrayList<>();
        switch (mode) {
            case TWO_NUMBERS -> {
                fields.add(new FormField("From", numbers.format(exoPhone)));
                fields.add(new FormField("To", numbers.format(customer)));
                fields.add(new FormField("CallerId", numbers.format(callerId)));
                fields.add(new FormField("CallType", "trans"));
            }
            case FLOW -> {
                fields.add(new FormField("From", numbers.format(customer)));
                fields.add(new FormField("CallerId", numbers.format(callerId)));
                fields.add(new FormField("Url", flowUrl));
                fields.add(new FormField("CallType", "trans"));
            }
            case VOICE_AI -> {
                fields.add(new FormField("From", numbers.format(customer)));
                fields.add(new FormField("CallerId", numbers.format(callerId)));
                fields.add(new FormField("StreamUrl", streamUrl));
                fields.add(new FormField("StreamType", "bidirectional"));
            }
        }
        if (timeLimitSeconds != null) {
            fields.add(new FormField("TimeLimit", Integer.toString(timeLimitSeconds)));
        }
        if (record != null) {
            fields.add(new FormField("Record", record.toString()));
        }
        if (statusCallbackUrl != null) {
            fields.add(new FormField("StatusCallback", statusCallbackUrl));
            fields.add(new FormField("StatusCallbackEvents[0]", "answered"));
            fields.add(new FormField("StatusCallbackEvents[1]", "terminal"));
            if (statusCallbackJson && mode == ConnectMode.TWO_NUMBERS) {
                fields.add(new FormField("StatusCallbackContentType", "application/json"));
            }
        }
        if (customField != null) {
            fields.add(new FormField("CustomField", customField));
        }
        return fields;
    }

    /** One name=value pair of the form body. */
    public record FormField(String name, String value) {}
}
