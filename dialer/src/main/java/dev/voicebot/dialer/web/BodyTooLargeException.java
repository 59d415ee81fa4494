package dev.voicebot.dialer.web;

/** A request body over the endpoint's limit. Answered with 413. */
public class BodyTooLargeException extends RuntimeException {

    public BodyTooLargeException(long limitBytes) {
        super("the request body is larger than " + limitBytes + " bytes");
    }
}
