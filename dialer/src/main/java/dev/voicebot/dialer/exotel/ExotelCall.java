package dev.voicebot.dialer.exotel;

/**
 * What Exotel answered to a Connect request.
 *
 * @param sid Exotel's CallSid, the key of everything about this call
 * @param status Exotel's first status, usually {@code in-progress} ("dialling"), possibly null
 * @param httpStatus the HTTP status of the answer
 */
public record ExotelCall(String sid, String status, int httpStatus) {}
