package dev.voicebot.dialer.campaign;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * The daily window in which campaign calls may start, in a time zone: {@code 09:00-21:00} means
 * from 09:00 inclusive to 21:00 exclusive. A window may cross midnight ({@code 21:00-06:00}); equal
 * ends ({@code 00:00-00:00}) mean all day.
 */
public record CallingHours(LocalTime start, LocalTime end, ZoneId zone) {

    /**
     * @throws IllegalArgumentException naming the expected form
     */
    public static CallingHours parse(String window, String zone) {
        String[] ends = window == null ? new String[0] : window.strip().split("\\s*-\\s*");
        if (ends.length != 2) {
            throw new IllegalArgumentException(
                    "calling hours are written HH:mm-HH:mm, e.g. 09:00-21:00, not '" + window + "'");
        }
        try {
            return new CallingHours(LocalTime.parse(ends[0]), LocalTime.parse(ends[1]), ZoneId.of(zone.strip()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "calling hours are written HH:mm-HH:mm, e.g. 09:00-21:00, not '" + window + "'");
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + zone + "' is not a time zone (e.g. Asia/Kolkata)");
        }
    }

    public boolean allDay() {
        return start.equals(end);
    }

    public boolean isOpen(Instant at) {
        if (allDay()) {
            return true;
        }
        LocalTime local = at.atZone(zone).toLocalTime();
        return start.isBefore(end)
                ? !local.isBefore(start) && local.isBefore(end)
                : !local.isBefore(start) || local.isBefore(end);
    }

    /** The next instant the window opens; {@code at} itself when it is open. */
    public Instant nextOpening(Instant at) {
        if (isOpen(at)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        ZonedDateTime today = local.with(start);
        return (today.isAfter(local) ? today : local.plusDays(1).with(start)).toInstant();
    }

    /** {@code HH:mm-HH:mm}. */
    public String window() {
        return start + "-" + end;
    }
}
