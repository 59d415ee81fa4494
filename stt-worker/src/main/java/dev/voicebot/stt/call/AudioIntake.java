package dev.voicebot.stt.call;

import dev.voicebot.common.audio.Resampler;
import dev.voicebot.common.audio.Resamplers;
import dev.voicebot.common.kafka.AudioRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a call's inbound audio records before recognition:
 *
 * <ul>
 *   <li>a record at another sample rate than the call's is resampled to the call's rate (and the
 *       first one logged), rather than dropped: its audio is still the caller speaking;
 *   <li>a sequence number that skips ahead means records were lost: silence of the missing length
 *       (estimated from this record's duration, at most {@link #MAX_GAP_FILL_MS}) keeps the call's
 *       offsets true;
 *   <li>a sequence number at or below one already seen is a duplicate or arrived too late to be
 *       recognized in order, and is dropped.
 * </ul>
 *
 * Not thread-safe; one per call.
 */
final class AudioIntake {

    static final int MAX_GAP_FILL_MS = 1000;

    private static final Logger log = LoggerFactory.getLogger(AudioIntake.class);

    private final String callSid;
    private final int callRate;
    private long lastSequence = Long.MIN_VALUE;
    private Resampler resampler;
    private long droppedLate;
    private long gapsFilled;

    AudioIntake(String callSid, int callRate) {
        this.callSid = callSid;
        this.callRate = callRate;
    }

    /** What happened to a record. */
    enum Outcome {
        ACCEPTED,
        GAP_FILLED,
        RESAMPLED,
        DROPPED_LATE
    }

    /**
     * @param pcm the audio to recognize, at the call's rate: silence for a gap, then the record's
     *     audio; empty for a dropped record
     */
    record Intake(byte[] pcm, Outcome outcome) {}

    Intake accept(AudioRecord record) {
        if (lastSequence != Long.MIN_VALUE && record.sequence() <= lastSequence) {
            droppedLate++;
            if (droppedLate == 1 || droppedLate % 100 == 0) {
                log.warn(
                        "call {}: dropped audio record {} that came after {} ({} dropped so far): out of order or"
                                + " duplicated",
                        callSid,
                        record.sequence(),
                        lastSequence,
                        droppedLate);
            }
            return new Intake(new byte[0], Outcome.DROPPED_LATE);
        }
        Outcome outcome = Outcome.ACCEPTED;
        byte[] audio = record.pcm();
        if (record.sampleRate() != callRate) {
            audio = resample(record.sampleRate(), audio);
            outcome = Outcome.RESAMPLED;
        }
        byte[] silence = new byte[0];
        if (lastSequence != Long.MIN_VALUE && record.sequence() > lastSequence + 1) {
            long missing = record.sequence() - lastSequence - 1;
            long millis = Math.min(MAX_GAP_FILL_MS, Math.round(missing * record.durationMillis()));
            silence = new byte[(int) (millis * callRate / 1000) * 2];
            gapsFilled++;
            outcome = Outcome.GAP_FILLED;
            log.info(
                    "call {}: audio records {}..{} are missing; filled {} ms of silence",
                    callSid,
                    lastSequence + 1,
                    record.sequence() - 1,
                    millis);
        }
        lastSequence = record.sequence();
        if (silence.length == 0) {
            return new Intake(audio, outcome);
        }
        byte[] joined = new byte[silence.length + audio.length];
        System.arraycopy(audio, 0, joined, silence.length, audio.length);
        return new Intake(joined, outcome);
    }

    private byte[] resample(int fromRate, byte[] audio) {
        if (resampler == null || resampler.fromRate() != fromRate) {
            log.warn(
                    "call {}: audio arrives at {} Hz but the call runs at {} Hz; resampling it",
                    callSid,
                    fromRate,
                    callRate);
            resampler = Resamplers.create(fromRate, callRate);
        }
        return resampler.process(audio);
    }

    long droppedLate() {
        return droppedLate;
    }

    long gapsFilled() {
        return gapsFilled;
    }
}
