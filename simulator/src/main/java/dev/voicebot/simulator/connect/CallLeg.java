package dev.voicebot.simulator.connect;

/**
 * One leg of a call as Exotel reports it in {@code Legs[]}.
 *
 * @param id 1 for the number rung first, 2 for the second
 * @param number the number rung
 * @param status {@code completed}, {@code busy}, {@code no-answer}, {@code failed}, or {@code null} while it is
 *     ringing or talking
 * @param answeredBy {@code Human} once a person answered, {@code NA} otherwise (and for the ExoPhone's own flow)
 * @param onCallSeconds how long the leg was connected, rounded up to whole seconds
 */
public record CallLeg(int id, String number, String status, String answeredBy, long onCallSeconds) {}
