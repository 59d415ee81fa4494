package dev.voicebot.dialer.exotel;

import java.util.ArrayList;
import java.util.List;

/**
 * The Exotel account calls are placed with. {@link #toString()} never shows the key or token.
 *
 * @param baseUrl the cluster's API host: {@code https://api.exotel.com} (Singapore) or {@code
 *     https://api.in.exotel.com} (Mumbai)
 * @param sid the account SID ({@code EXOTEL_SID})
 * @param apiKey the API key, the Basic-auth user
 * @param apiToken the API token, the Basic-auth password
 * @param exoPhone the bot's ExoPhone in E.164: the caller id, and {@code From} in two-numbers mode
 * @param numberStyle how numbers are written in requests
 */
public record ExotelAccount(
        String baseUrl, String sid, String apiKey, String apiToken, String exoPhone, NumberStyle numberStyle) {

    /** The environment variables still missing before a call can be placed; empty when ready. */
    public List<String> missingSettings() {
        List<String> missing = new ArrayList<>();
        if (blank(baseUrl)) {
            missing.add("EXOTEL_API_BASE_URL");
        }
        if (blank(sid)) {
            missing.add("EXOTEL_SID");
        }
        if (blank(apiKey)) {
            missing.add("EXOTEL_API_KEY");
        }
        if (blank(apiToken)) {
            missing.add("EXOTEL_API_TOKEN");
        }
        if (blank(exoPhone)) {
            missing.add("EXOTEL_PHONE_NUMBER");
        }
        return missing;
    }

    /**
     * @throws ExotelNotConfiguredException naming what is missing
     */
    public void requireConfigured() {
        List<String> missing = missingSettings();
        if (!missing.isEmpty()) {
            throw new ExotelNotConfiguredException(
                    "the Exotel account is not configured: set " + String.join(", ", missing));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "ExotelAccount[baseUrl=" + baseUrl + ", sid=" + sid + ", apiKey=" + (blank(apiKey) ? "<unset>" : "***")
                + ", apiToken=" + (blank(apiToken) ? "<unset>" : "***") + ", numberStyle=" + numberStyle + "]";
    }
}
