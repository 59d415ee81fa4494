package dev.voicebot.simulator;

import dev.voicebot.common.audio.Pcm16;
import java.util.Arrays;

/**
 * Caller audio queued for sending, with where the speech in it starts and ends. Leading and trailing near-silence
 * (below {@link #SPEECH_THRESHOLD_DBFS}, measured in {@link #WINDOW_MILLIS} windows) is not speech, so latencies are
 * measured from the last audible sound rather than from the end of padding.
 *
 * @param label what is said, for reports ("audio" for raw PCM)
 * @param pcm PCM16LE at the call rate, an even number of bytes
 * @param speechStart byte offset of the first audible window
 * @param speechEnd byte offset just past the last audible window; equal to {@code speechStart} when nothing is audible
 */
record Utterance(String label, byte[] pcm, int speechStart, int speechEnd) {

    static final double SPEECH_THRESHOLD_DBFS = -45.0;
    static final int WINDOW_MILLIS = 10;

    Utterance {
        Pcm16.requireEvenLength(pcm);
    }

    static Utterance of(String label, byte[] pcm, int sampleRate) {
        int window = Math.max(2, Pcm16.bytesFor(sampleRate, WINDOW_MILLIS));
        int first = -1;
        int lastEnd = -1;
        for (int offset = 0; offset < pcm.length; offset += window) {
            int length = Math.min(window, pcm.length - offset);
            if (Pcm16.dbfs(Arrays.copyOfRange(pcm, offset, offset + length)) > SPEECH_THRESHOLD_DBFS) {
                if (first < 0) {
                    first = offset;
                }
                lastEnd = offset + length;
            }
        }
        return first < 0 ? new Utterance(label, pcm, 0, 0) : new Utterance(label, pcm, first, lastEnd);
    }

    boolean hasSpeech() {
        return speechEnd > speechStart;
    }
}
