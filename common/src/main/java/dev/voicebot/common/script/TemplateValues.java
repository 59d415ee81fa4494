package dev.voicebot.common.script;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The built-in values every template may use, besides the script's variables and slots. */
public final class TemplateValues {

    /**
     * {@code from} and {@code to}: the numbers as the call gives them; {@code from_last4} and
     * {@code to_last4}: their last four digits spaced for speech ("3 2 1 0"); {@code direction}:
     * inbound or outbound; {@code time}, {@code today}, {@code date}: the script's local time
     * ("4:05 PM"), weekday ("Monday") and date ("12 March").
     */
    public static final Set<String> BUILT_INS =
            Set.of("from", "to", "from_last4", "to_last4", "direction", "time", "today", "date");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH);
    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEEE", Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);
    private static final String SAMPLE_FROM = "+919876543210";
    private static final String SAMPLE_TO = "+918041234567";

    private TemplateValues() {}

    /** The built-in values of one call at one moment. */
    public static Map<String, String> builtIns(String from, String to, String direction, ZonedDateTime now) {
        Map<String, String> values = new HashMap<>();
        values.put("from", from == null ? "" : from);
        values.put("to", to == null ? "" : to);
        values.put("from_last4", spokenLastDigits(from));
        values.put("to_last4", spokenLastDigits(to));
        values.put("direction", direction == null ? "" : direction.toLowerCase(Locale.ROOT));
        values.put("time", TIME.format(now));
        values.put("today", WEEKDAY.format(now));
        values.put("date", DATE.format(now));
        return values;
    }

    /** Built-in values of an example inbound call, for rendering sample lines. */
    public static Map<String, String> sample(ZoneId zone) {
        return builtIns(SAMPLE_FROM, SAMPLE_TO, "inbound", ZonedDateTime.of(2026, 3, 12, 10, 30, 0, 0, zone));
    }

    private static String spokenLastDigits(String number) {
        if (number == null) {
            return "";
        }
        String digits = number.replaceAll("\\D", "");
        String last = digits.substring(Math.max(0, digits.length() - 4));
        return String.join(" ", last.split(""));
    }
}
