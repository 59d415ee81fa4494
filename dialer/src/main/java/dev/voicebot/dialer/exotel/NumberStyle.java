package dev.voicebot.dialer.exotel;

import dev.voicebot.dialer.phone.PhoneNumbers;
import java.util.Locale;

/**
 * How numbers are written in Connect requests. Exotel prefers E.164; some accounts' examples use the
 * 0-prefixed Indian national form, which {@link #NATIONAL} sends for +91 numbers.
 */
public enum NumberStyle {
    E164,
    NATIONAL;

    public String format(String e164) {
        return this == NATIONAL ? PhoneNumbers.toIndianNationalForm(e164) : e164;
    }

    public static NumberStyle fromConfig(String value) {
        return switch (value == null ? "" : value.strip().toLowerCase(Locale.ROOT)) {
            case "", "e164", "e.164" -> E164;
            case "national", "national-0" -> NATIONAL;
            default ->
                throw new IllegalArgumentException(
                        "EXOTEL_NUMBER_FORMAT must be e164 or national, not '" + value + "'");
        };
    }
}
