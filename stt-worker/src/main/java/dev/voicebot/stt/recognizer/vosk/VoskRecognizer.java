package dev.voicebot.stt.recognizer.vosk;

import dev.voicebot.stt.recognizer.RecognitionListener;
import dev.voicebot.stt.recognizer.RecognitionSession;
import dev.voicebot.stt.recognizer.RecognizerCapabilities;
import dev.voicebot.stt.recognizer.SessionSpec;
import dev.voicebot.stt.recognizer.SpeechRecognizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vosk (Kaldi) with a model folder the user downloads and points at; no model ships with the
 * project or any package. Free-form by default; given phrases, it decodes against them plus
 * {@code [unk]}, which Vosk reports for speech outside them. The model is loaded once and shared;
 * each call gets its own Vosk recognizer.
 */
public final class VoskRecognizer implements SpeechRecognizer {

    public static final String NAME = "vosk";

    private static final Logger log = LoggerFactory.getLogger(VoskRecognizer.class);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Model model;
    private final String grammar;

    /**
     * @param modelFolder an unpacked Vosk model (e.g. vosk-model-small-en-us-0.15)
     * @param phrases the phrases to decode against, or an empty list for free-form recognition
     */
    public VoskRecognizer(Path modelFolder, List<String> phrases) {
        if (modelFolder == null || !Files.isDirectory(modelFolder)) {
            throw new IllegalStateException("Vosk needs a model folder: download one from"
                    + " https://alphacephei.com/vosk/models, unpack it and set VOSK_MODEL_PATH to its folder"
                    + " (now: " + modelFolder + ")");
        }
        try {
            LibVosk.setLogLevel(LogLevel.WARNINGS);
            this.model = new Model(modelFolder.toString());
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new IllegalStateException(
                    "Vosk could not load the model in " + modelFolder + ": " + e.getMessage()
                            + ". VOSK_MODEL_PATH must point at an unpacked Vosk model folder",
                    e);
        }
        this.grammar = phrases.isEmpty() ? null : grammarJson(phrases);
        log.info(
                "vosk ready: model {}, {}", modelFolder, phrases.isEmpty() ? "free-form" : phrases.size() + " phrases");
    }

    private static String grammarJson(List<String> phrases) {
        var all = new java.util.ArrayList<>(phrases);
        all.add("[unk]");
        return JSON.writeValueAsString(all);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RecognizerCapabilities capabilities() {
        return new RecognizerCapabilities(true, true, false, Set.of());
    }

    @Override
    public RecognitionSession open(SessionSpec spec, RecognitionListener listener) {
        return new VoskSession(spec, listener, model, grammar);
    }

    @Override
    public void close() {
        model.close();
    }
}
