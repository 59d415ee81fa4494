package dev.voicebot.tts.synth;

/**
 * Enforces the listener contract for one request: audio only before the outcome, exactly one
 * outcome, callbacks never overlapping. Every synthesizer sends through one of these, so a late
 * chunk after a cancel or a second error from a dying connection never reaches the caller.
 */
public final class SynthesisGuard {

    private final SynthesisListener target;
    private boolean ended;
    private boolean audioDelivered;

    public SynthesisGuard(SynthesisListener target) {
        this.target = target;
    }

    /** Forwards audio unless the request has ended; empty arrays are skipped. */
    public synchronized boolean audio(byte[] pcm) {
        if (ended) {
            return false;
        }
        if (pcm.length > 0) {
            audioDelivered = true;
            target.onAudio(pcm);
        }
        return true;
    }

    public synchronized boolean complete() {
        if (!end()) {
            return false;
        }
        target.onComplete();
        return true;
    }

    public synchronized boolean fail(SynthesisException error) {
        if (!end()) {
            return false;
        }
        target.onError(error);
        return true;
    }

    /** Ends the request as cancelled; false when it had already ended. */
    public synchronized boolean cancel() {
        if (!end()) {
            return false;
        }
        target.onCancelled();
        return true;
    }

    public synchronized boolean ended() {
        return ended;
    }

    /** Whether any audio reached the listener: after that, a retry would repeat speech. */
    public synchronized boolean audioDelivered() {
        return audioDelivered;
    }

    private boolean end() {
        if (ended) {
            return false;
        }
        ended = true;
        return true;
    }
}
