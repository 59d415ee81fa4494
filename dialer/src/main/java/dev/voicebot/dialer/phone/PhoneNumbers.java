package dev.voicebot.dialer.phone;

import java.util.regex.Pattern;

/**
 * Validates phone numbers and normalises them to E.164 ({@code +919876543210}).
 *
 * <p>Accepted: E.164 with or without spaces, dashes, dots and brackets ({@code +91 98765-43210});
 * the international prefix {@code 00} ({@code 0091…}); and India's national forms: ten digits
 * ({@code 9876543210}), the trunk prefix {@code 0} ({@code 09876543210}) and the country code
 * without {@code +} ({@code 919876543210}). An Indian number must have a ten-digit national number
 * that does not start with 0; other countries get E.164's length rule only (8 to 15 digits).
 */
public final class PhoneNumbers {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()/]");
    private static final Pattern DIGITS_WITH_OPTIONAL_PLUS = Pattern.compile("\\+?[0-9]+");
    private static final String INDIA = "91";
    private static final int INDIAN_NATIONAL_LENGTH = 10;
    private static final int E164_MIN_DIGITS = 8;
    private static final int E164_MAX_DIGITS = 15;

    private PhoneNumbers() {}

    /**
     * @return the number in E.164
     * @throws InvalidPhoneNumberException saying what is wrong, without echoing more than the input
     */
    public static String toE164(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidPhoneNumberException("phone number is empty");
        }
        String compact = SEPARATORS.matcher(raw.strip()).replaceAll("");
        if (!DIGITS_WITH_OPTIONAL_PLUS.matcher(compact).matches()) {
            throw new InvalidPhoneNumberException("'" + raw.strip()
                    + "' is not a phone number: only digits, a leading '+', spaces, dashes, dots and"
                    + " brackets are allowed");
        }
        String digits = internationalDigits(compact, raw.strip());
        validate(digits, raw.strip());
        return "+" + digits;
    }

    /** True when {@link #toE164(String)} accepts the number. */
    public static boolean isValid(String raw) {
        try {
            toE164(raw);
            return true;
        } catch (InvalidPhoneNumberException e) {
            return false;
        }
    }

    /**
     * The 0-prefixed national form of an Indian E.164 number ({@code +919876543210} becomes {@code
     * 09876543210}); other numbers are returned unchanged.
     */
    public static String toIndianNationalForm(String e164) {
        if (e164.startsWith("+" + INDIA) && e164.length() == 1 + INDIA.length() + INDIAN_NATIONAL_LENGTH) {
            return "0" + e164.substring(1 + INDIA.length());
        }
        return e164;
    }

    private static String internationalDigits(String compact, String shown) {
        if (compact.startsWith("+")) {
            return compact.substring(1);
        }
        if (compact.startsWith("00")) {
            return compact.substring(2);
        }
        if (compact.length() == INDIAN_NATIONAL_LENGTH) {
            return INDIA + compact;
        }
        if (compact.length() == INDIAN_NATIONAL_LENGTH + 1 && compact.startsWith("0")) {
            return INDIA + compact.substring(1);
        }
        if (compact.length() == INDIAN_NATIONAL_LENGTH + INDIA.length() && compact.startsWith(INDIA)) {
            return compact;
        }
        throw new InvalidPhoneNumberException("'" + shown
                + "' is not a phone number: write it in E.164 (+919876543210) or as an Indian number"
                + " (9876543210, 09876543210, 919876543210)");
    }

    private static void validate(String digits, String shown) {
        if (digits.isEmpty() || digits.charAt(0) == '0') {
            throw new InvalidPhoneNumberException(
                    "'" + shown + "' is not a phone number: a country code never starts with 0");
        }
        if (digits.startsWith(INDIA)) {
            String national = digits.substring(INDIA.length());
            if (national.length() != INDIAN_NATIONAL_LENGTH || national.charAt(0) == '0') {
                throw new InvalidPhoneNumberException("'" + shown
                        + "' is not an Indian phone number: after +91 come exactly ten digits, the first"
                        + " not 0");
            }
            return;
        }
        if (digits.length() < E164_MIN_DIGITS || digits.length() > E164_MAX_DIGITS) {
            throw new InvalidPhoneNumberException("'" + shown + "' is not a phone number: E.164 numbers have "
                    + E164_MIN_DIGITS + " to " + E164_MAX_DIGITS + " digits after the '+'");
        }
    }
}
