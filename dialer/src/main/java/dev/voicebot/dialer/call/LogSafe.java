package dev.voicebot.dialer.call;

import dev.voicebot.common.privacy.Redact;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes free text (Exotel's messages, request errors) safe to log: phone numbers in it are masked. */
public final class LogSafe {

    private static final Pattern NUMBER = Pattern.compile("\\+?\\d[\\d \\-]{5,}\\d");

    private LogSafe() {}

    public static String maskNumbers(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = NUMBER.matcher(text);
        StringBuilder masked = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(masked, Matcher.quoteReplacement(Redact.phone(matcher.group())));
        }
        matcher.appendTail(masked);
        return masked.toString();
    }
}
