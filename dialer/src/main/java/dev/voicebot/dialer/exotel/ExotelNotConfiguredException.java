package dev.voicebot.dialer.exotel;

/** A call was requested but the Exotel account (or the chosen mode's settings) is not configured. */
public class ExotelNotConfiguredException extends RuntimeException {

    public ExotelNotConfiguredException(String message) {
        super(message);
    }
}
