package dev.voicebot.stt.vad;

/**
 * Turns frame-by-frame voice activity into turn boundaries. Speech starts once speech frames have
 * lasted {@link TurnSettings#minSpeech()} without a break (the start offset is the first of them);
 * it ends after {@link TurnSettings#endOfTurnSilence()} of non-speech (the end offset is the end of
 * the last speech frame) or when the turn reaches {@link TurnSettings#maxUtterance()}. Not
 * thread-safe.
 */
public final class TurnDetector {

    /** What a frame changed. */
    public enum Transition {
        NONE,
        STARTED,
        ENDED
    }

    private final long minSpeechMs;
    private final long endSilenceMs;
    private final long maxUtteranceMs;
    private boolean speaking;
    private long candidateStartMs = -1;
    private long startMs;
    private long lastSpeechEndMs;

    public TurnDetector(TurnSettings settings) {
        this.minSpeechMs = settings.minSpeech().toMillis();
        this.endSilenceMs = settings.endOfTurnSilence().toMillis();
        this.maxUtteranceMs = settings.maxUtterance().toMillis();
    }

    /**
     * @param speech the detector's verdict on the frame
     * @param frameStartMs the frame's offset in the call
     * @param frameEndMs the offset just after it
     */
    public Transition accept(boolean speech, long frameStartMs, long frameEndMs) {
        if (!speaking) {
            if (!speech) {
                candidateStartMs = -1;
                return Transition.NONE;
            }
            if (candidateStartMs < 0) {
                candidateStartMs = frameStartMs;
            }
            if (frameEndMs - candidateStartMs < minSpeechMs) {
                return Transition.NONE;
            }
            speaking = true;
            startMs = candidateStartMs;
            lastSpeechEndMs = frameEndMs;
            candidateStartMs = -1;
            return Transition.STARTED;
        }
        if (speech) {
            lastSpeechEndMs = frameEndMs;
        }
        if (frameEndMs - lastSpeechEndMs >= endSilenceMs || frameEndMs - startMs >= maxUtteranceMs) {
            speaking = false;
            return Transition.ENDED;
        }
        return Transition.NONE;
    }

    public boolean speaking() {
        return speaking;
    }

    /** Where the current (or last) turn's speech started. */
    public long startMs() {
        return startMs;
    }

    /** Where the current (or last) turn's speech last was. */
    public long lastSpeechEndMs() {
        return lastSpeechEndMs;
    }

    public void reset() {
        speaking = false;
        candidateStartMs = -1;
    }
}
