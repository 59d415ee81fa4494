package dev.voicebot.simulator.connect;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Exotel's timestamps: {@code YYYY-MM-DD HH:mm:ss} in the account's time zone (India's, by default). */
final class ExotelTime {

    static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;

    ExotelTime(ZoneId zone) {
        this.zone = zone;
    }

    /** The formatted time, or {@code null} for a time that has not happened. */
    String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant.atZone(zone));
    }
}
