package dev.voicebot.stt.vad;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes each call's voice activity detector. Thread-safe. */
public final class VadFactory implements AutoCloseable {

    /** Frame length of both detectors: Silero's 256 samples at 8 kHz. */
    public static final int FRAME_MILLIS = 32;

    private static final Logger log = LoggerFactory.getLogger(VadFactory.class);

    private final SileroModel silero;
    private final double floorRatio;
    private final double minimumRms;

    private VadFactory(SileroModel silero, double floorRatio, double minimumRms) {
        this.silero = silero;
        this.floorRatio = floorRatio;
        this.minimumRms = minimumRms;
    }

    /** Energy detection: speech above {@code floorRatio} × the noise floor and above {@code minimumRms}. */
    public static VadFactory energy(double floorRatio, double minimumRms) {
        return new VadFactory(null, floorRatio, minimumRms);
    }

    /**
     * Silero where the call's rate allows it (8 or 16 kHz), energy detection otherwise.
     *
     * @param fallbackFloorRatio and {@code fallbackMinimumRms}: the energy detector's settings
     */
    public static VadFactory silero(SileroModel model, double fallbackFloorRatio, double fallbackMinimumRms) {
        return new VadFactory(model, fallbackFloorRatio, fallbackMinimumRms);
    }

    public VoiceActivityDetector create(int sampleRate) {
        if (silero != null) {
            if (sampleRate == 8000 || sampleRate == 16000) {
                return new SileroVad(silero, sampleRate);
            }
            log.warn("Silero VAD runs at 8 or 16 kHz; a call at {} Hz uses the energy detector", sampleRate);
        }
        return new EnergyVad(sampleRate, FRAME_MILLIS, floorRatio, minimumRms);
    }

    public String kind() {
        return silero == null ? "energy" : "silero";
    }

    @Override
    public void close() {
        if (silero != null) {
            silero.close();
        }
    }
}
