package dev.voicebot.stt.vad;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes each call's voice activity detector. Thread-safe. */
public final class VadFactory implements AutoCloseable {

    /**
     * Frame length of the energy detector: it divides Exotel's 100 ms media frames (and 20 ms, its
     * smallest), so speech onset is decided within the media frame that holds it instead of waiting
     * for the next one. Silero's frames are fixed by the model (256 samples at 8 kHz, 32 ms).
     */
    public static final int ENERGY_FRAME_MILLIS = 20;

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
        return new EnergyVad(sampleRate, ENERGY_FRAME_MILLIS, floorRatio, minimumRms);
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
