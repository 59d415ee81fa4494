package dev.voicebot.simulator.connect;

/** How a status callback body is encoded, chosen with {@code StatusCallbackContentType}. */
public enum CallbackFormat {
    /** {@code multipart/form-data}: Exotel's default. */
    MULTIPART("multipart/form-data"),
    /** {@code application/json}. */
    JSON("application/json");

    private final String mediaType;

    CallbackFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    static CallbackFormat fromParameter(String value) {
        for (CallbackFormat format : values()) {
            if (format.mediaType.equalsIgnoreCase(value)) {
                return format;
            }
        }
        throw RestException.invalidParameter(
                "StatusCallbackContentType must be multipart/form-data or application/json, not " + value);
    }
}
