package dev.voicebot.dialer.web;

/** No call or campaign with that id. Answered with 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
