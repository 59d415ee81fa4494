package dev.voicebot.common.privacy;

/** Masks personal data before it reaches a log line. */
public final class Redact {

    private Redact() {}

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
