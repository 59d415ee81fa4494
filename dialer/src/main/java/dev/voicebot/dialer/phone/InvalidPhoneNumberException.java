package dev.voicebot.dialer.phone;

/** A phone number that is neither E.164 nor an accepted Indian national form. Nothing is dialed. */
public class InvalidPhoneNumberException extends IllegalArgumentException {

    public InvalidPhoneNumberException(String message) {
        super(message);
    }
}
