package dev.voicebot.stt.recognizer;

/**
 * What a session is opened for.
 *
 * @param callSid the call, for logs only
 * @param sampleRate the rate of the PCM16 audio the session will be given, in Hz
 */
public record SessionSpec(String callSid, int sampleRate) {

    public SessionSpec {
        if (callSid == null || callSid.isBlank()) {
            throw new IllegalArgumentException("a session needs the call's sid");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
    }
}
