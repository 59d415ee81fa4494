package dev.voicebot.common.event;

/**
 * Gateway command: close the call's socket. With {@code afterPlayback} the gateway first lets the
 * queued audio play out (it waits for the last mark's echo, up to a timeout).
 */
public record EndCall(String callSid, String reason, boolean afterPlayback, long at) implements VoicebotEvent {}
