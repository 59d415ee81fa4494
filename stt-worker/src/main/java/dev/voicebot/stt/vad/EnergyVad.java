package dev.voicebot.stt.vad;

/**
 * Energy voice activity detection with an adaptive noise floor: a frame is speech when its RMS is
 * above {@code max(floorRatio × noise floor, minimum RMS)} and its zero-crossing rate is below
 * {@link #MAX_ZERO_CROSSING_RATE}. The floor follows the quietest recent frames quickly down and
 * slowly up, so it tracks line noise but not speech. The zero-crossing limit keeps hiss and
 * broadband bursts (about 0.45 on phone-band noise) out, which the grammar recognizer would
 * otherwise force into a short phrase; voiced speech crosses far less often (0.05-0.25), and the
 * fricatives it also excludes sit inside turns, which the end-of-turn silence bridges. Fine for
 * quiet lines (measured recall 95-99 % at 19 dB SNR or better); below about 10 dB SNR use {@link
 * SileroVad}.
 */
public final class EnergyVad implements VoiceActivityDetector {

    /** Share of adjacent samples that change sign, above which a frame is noise rather than voice. */
    static final double MAX_ZERO_CROSSING_RATE = 0.35;

    private static final double INITIAL_FLOOR = 50;
    /** The frame length the smoothing factors below are given for; other lengths get the same time constants. */
    private static final int REFERENCE_FRAME_MILLIS = 32;
    /** Smoothing of the floor per reference frame when a frame is quieter than it (falls fast). */
    private static final double FALL = 0.5;
    /** Smoothing per reference frame when a non-speech frame is louder than it (rises slowly, ~1 s). */
    private static final double RISE = 0.03;
    /**
     * Smoothing per reference frame while frames count as speech (~30 s): a noise that starts and
     * never stops stops counting as speech eventually, while a long utterance barely moves the floor.
     */
    private static final double SPEECH_RISE = 0.001;

    private final int sampleRate;
    private final int frameSamples;
    private final double floorRatio;
    private final double minimumRms;
    private final double fall;
    private final double rise;
    private final double speechRise;
    private double noiseFloor = INITIAL_FLOOR;

    /**
     * @param frameMillis frame length (20 ms divides Exotel's 100 ms media frames, so a frame never
     *     waits for the next media frame)
     * @param floorRatio how far above the noise floor speech is (3 measured well)
     * @param minimumRms the quietest speech, in sample units of 32768 (150 ≈ -47 dBFS)
     */
    public EnergyVad(int sampleRate, int frameMillis, double floorRatio, double minimumRms) {
        if (sampleRate <= 0 || frameMillis <= 0 || floorRatio < 1 || minimumRms < 0) {
            throw new IllegalArgumentException("energy VAD needs a positive rate and frame, floor ratio >= 1 and"
                    + " minimum RMS >= 0, got " + sampleRate + " Hz, " + frameMillis + " ms, " + floorRatio + ", "
                    + minimumRms);
        }
        this.sampleRate = sampleRate;
        this.frameSamples = sampleRate * frameMillis / 1000;
        this.floorRatio = floorRatio;
        this.minimumRms = minimumRms;
        this.fall = perFrame(FALL, frameMillis);
        this.rise = perFrame(RISE, frameMillis);
        this.speechRise = perFrame(SPEECH_RISE, frameMillis);
    }

    /** The smoothing factor for frames of {@code frameMillis} with the time constant of {@code reference}. */
    private static double perFrame(double reference, int frameMillis) {
        return 1 - Math.pow(1 - reference, frameMillis / (double) REFERENCE_FRAME_MILLIS);
    }

    @Override
    public int frameSamples() {
        return frameSamples;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public boolean isSpeech(short[] frame) {
        double rms = rms(frame);
        boolean loud = rms > Math.max(floorRatio * noiseFloor, minimumRms);
        boolean speech = loud && zeroCrossingRate(frame) <= MAX_ZERO_CROSSING_RATE;
        if (rms < noiseFloor) {
            noiseFloor += fall * (rms - noiseFloor);
        } else {
            noiseFloor += (speech ? speechRise : rise) * (rms - noiseFloor);
        }
        noiseFloor = Math.max(noiseFloor, 1);
        return speech;
    }

    @Override
    public void reset() {
        noiseFloor = INITIAL_FLOOR;
    }

    double noiseFloor() {
        return noiseFloor;
    }

    static double zeroCrossingRate(short[] frame) {
        int crossings = 0;
        for (int i = 1; i < frame.length; i++) {
            if ((frame[i] >= 0) != (frame[i - 1] >= 0)) {
                crossings++;
            }
        }
        return frame.length < 2 ? 0 : (double) crossings / (frame.length - 1);
    }

    private static double rms(short[] frame) {
        long sum = 0;
        for (short s : frame) {
            sum += (long) s * s;
        }
        return frame.length == 0 ? 0 : Math.sqrt((double) sum / frame.length);
    }
}
