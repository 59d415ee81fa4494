package dev.voicebot.dialer.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Exotel account (environment variables in brackets).
 *
 * @param apiBaseUrl {@code EXOTEL_API_BASE_URL}: {@code https://api.exotel.com} (Singapore,
 *     default) or {@code https://api.in.exotel.com} (Mumbai)
 * @param sid {@code EXOTEL_SID}
 * @param apiKey {@code EXOTEL_API_KEY}, the Basic-auth user
 * @param apiToken {@code EXOTEL_API_TOKEN}, the Basic-auth password
 * @param phoneNumber {@code EXOTEL_PHONE_NUMBER}, the bot's ExoPhone
 * @param numberFormat {@code EXOTEL_NUMBER_FORMAT}: e164 (default) or national (0-prefixed +91 numbers)
 * @param connectTimeout TCP/TLS connect time-out
 * @param readTimeout time-out waiting for Exotel's answer
 * @param callTimeout time-out of the whole request
 */
@ConfigurationProperties("exotel")
public record ExotelProperties(
        String apiBaseUrl,
        String sid,
        String apiKey,
        String apiToken,
        String phoneNumber,
        String numberFormat,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout) {

    public ExotelProperties {
        apiBaseUrl = apiBaseUrl == null || apiBaseUrl.isBlank() ? "https://api.exotel.com" : apiBaseUrl.strip();
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(15) : readTimeout;
        callTimeout = callTimeout == null ? Duration.ofSeconds(20) : callTimeout;
    }

    @Override
    public String toString() {
        return "ExotelProperties[apiBaseUrl=" + apiBaseUrl + ", sid=" + sid + ", key and token hidden]";
    }
}
