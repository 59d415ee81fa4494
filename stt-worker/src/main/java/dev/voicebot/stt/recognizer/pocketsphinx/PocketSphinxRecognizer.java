package dev.voicebot.stt.recognizer.pocketsphinx;

import dev.voicebot.stt.grammar.JsgfGrammar;
import dev.voicebot.stt.recognizer.RecognitionListener;
import dev.voicebot.stt.recognizer.RecognitionSession;
import dev.voicebot.stt.recognizer.RecognizerCapabilities;
import dev.voicebot.stt.recognizer.SessionSpec;
import dev.voicebot.stt.recognizer.SpeechRecognizer;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded recognizer: Debian's pocketsphinx through JNA, decoding 16 kHz audio (phone audio is
 * upsampled) against a grammar of the phrases the script expects. Free-form decoding of phone audio
 * measured about 70 % word errors, a grammar about 10 %, so only grammar decoding is offered; what
 * the grammar does not cover comes out as {@link dev.voicebot.stt.recognizer.RecognitionEvent.NoMatch}.
 */
public final class PocketSphinxRecognizer implements SpeechRecognizer {

    public static final String NAME = "pocketsphinx";
    static final int DECODER_RATE = 16_000;

    private static final Logger log = LoggerFactory.getLogger(PocketSphinxRecognizer.class);

    private final PocketSphinxSettings settings;
    private final PocketSphinxModel model;
    private final DecoderPool pool;

    /**
     * Loads the native library and the model and creates the first decoders, so that a missing
     * package or a bad grammar stops the worker at start-up with a message saying what to do.
     */
    public PocketSphinxRecognizer(PocketSphinxSettings settings, JsgfGrammar grammar) {
        this.settings = settings;
        PocketSphinxLibrary.Loaded libraries = loadLibraries();
        this.model = PocketSphinxModel.prepare(settings.acousticModel(), settings.dictionary());
        String jsgf = grammar.text();
        long started = System.nanoTime();
        this.pool = new DecoderPool(
                () -> new UtteranceDecoder(
                        Decoder.create(libraries, model, jsgf), Decoder.createPhoneLoop(libraries, model)),
                Math.max(1, settings.initialDecoders()),
                settings.maximumDecoders());
        log.info(
                "pocketsphinx ready: {} phrases, {} words, {} decoder(s) in {} ms, model {}",
                grammar.phrases().size(),
                grammar.words().size(),
                pool.created(),
                (System.nanoTime() - started) / 1_000_000,
                settings.acousticModel());
    }

    private static PocketSphinxLibrary.Loaded loadLibraries() {
        try {
            return PocketSphinxLibrary.load();
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException(
                    "the embedded recognizer needs the native pocketsphinx libraries ("
                            + PocketSphinxLibrary.LIBRARY + ", " + PocketSphinxLibrary.SphinxBase.LIBRARY
                            + "), which did not"
                            + " load: " + e.getMessage() + ". Install the Debian packages libpocketsphinx3 and"
                            + " pocketsphinx-en-us (listed in tools/apt-packages.txt), or choose another provider with"
                            + " VOICEBOT_STT_PROVIDER=deepgram (with DEEPGRAM_API_KEY) or vosk (with VOSK_MODEL_PATH)",
                    e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RecognizerCapabilities capabilities() {
        return new RecognizerCapabilities(true, false, false, Set.of());
    }

    @Override
    public RecognitionSession open(SessionSpec spec, RecognitionListener listener) {
        return new PocketSphinxSession(spec, listener, pool, settings);
    }

    int decodersCreated() {
        return pool.created();
    }

    @Override
    public void close() {
        pool.close();
        model.close();
    }
}
