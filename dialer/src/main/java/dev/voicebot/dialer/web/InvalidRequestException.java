package dev.voicebot.dialer.web;

/** The request body or a parameter is missing, malformed or out of range. Answered with 400. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
