package dev.voicebot.common.privacy;

import java.util.regex.Pattern;

/** Masks personal data and secrets before they reach a log line. */
public final class Redact {

    /** Query parameters whose values are secrets, e.g. the gateway's {@code ?token=}. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "([?&;](?:[^=&;#]*(?:token|key|secret|password|auth|signature)[^=&;#]*)=)([^&;#]*)",
            Pattern.CASE_INSENSITIVE);

    /** The password of {@code scheme://user:password@host}. */
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(://[^/?#@:]*:)[^/?#@]*@");

    private Redact() {}

    /**
     * A URL fit for a log line: {@code wss://u:pw@host/ws?token=abc&lang=hi} becomes {@code
     * wss://u:***@host/ws?token=***&lang=hi}.
     */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String masked = USERINFO_PASSWORD.matcher(url).replaceAll("$1***@");
        return SECRET_PARAMETER.matcher(masked).replaceAll("$1***");
    }

    /** {@code +919876543210} becomes {@code +91******3210}: the country code and last four digits stay. */
    public static String phone(String number) {
        if (number == null || number.isBlank()) {
            return "<none>";
        }
        String n = number.strip();
        int keepTail = Math.min(4, Math.max(0, n.length() - 4));
        int keepHead = n.startsWith("+") ? Math.min(3, n.length() - keepTail) : 0;
        StringBuilder masked = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            boolean visible = i < keepHead || i >= n.length() - keepTail;
            masked.append(visible || !Character.isLetterOrDigit(n.charAt(i)) ? n.charAt(i) : '*');
        }
        return masked.toString();
    }
}
