package dev.voicebot.stt.recognizer.pocketsphinx;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One native pocketsphinx decoder with the grammar loaded: about 30-40 MB and 0.26 s to create, so
 * decoders are pooled and lent out one utterance at a time. Not thread-safe; the pool makes sure
 * only one session uses it at a time.
 */
final class Decoder implements AutoCloseable {

    private static final String SEARCH = "voicebot";
    /**
     * Creating and freeing a decoder touch sphinxbase's process-wide state (its log file, set by
     * {@code -logfn} at every init): done from two threads at once they hang or crash the JVM, so
     * they take turns. Decoding itself runs in parallel.
     */
    private static final Object NATIVE_SETUP = new Object();

    private final PocketSphinxLibrary library;
    private Pointer handle;
    private boolean inUtterance;

    private Decoder(PocketSphinxLibrary library, Pointer handle) {
        this.library = library;
        this.handle = handle;
    }

    /**
     * The en-us model's phones. A loop over them, each added to the dictionary as a one-phone word,
     * is the reference model {@link PhoneLoop} scores utterances against.
     */
    static final List<String> PHONES = List.of(
            "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH", "IY",
            "JH", "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z",
            "ZH");

    private static final String PHONE_WORD_PREFIX = "phone_";

    /** A decoder of any sequence of phones: the best the acoustic model can explain the audio. */
    static Decoder createPhoneLoop(PocketSphinxLibrary.Loaded libraries, PocketSphinxModel model) {
        StringBuilder words = new StringBuilder();
        for (String phone : PHONES) {
            words.append(words.isEmpty() ? "" : " | ").append(PHONE_WORD_PREFIX).append(phone.toLowerCase(Locale.ROOT));
        }
        String loop = "#JSGF V1.0;\ngrammar phones;\npublic <phones> = <phone> <phone>*;\n<phone> = " + words + ";\n";
        return create(libraries, model, loop, decoder -> {
            for (String phone : PHONES) {
                libraries
                        .pocketsphinx()
                        .ps_add_word(decoder, PHONE_WORD_PREFIX + phone.toLowerCase(Locale.ROOT), phone, 0);
            }
        });
    }

    static Decoder create(PocketSphinxLibrary.Loaded libraries, PocketSphinxModel model, String jsgf) {
        return create(libraries, model, jsgf, decoder -> {});
    }

    private static Decoder create(
            PocketSphinxLibrary.Loaded libraries, PocketSphinxModel model, String jsgf, Consumer<Pointer> words) {
        synchronized (NATIVE_SETUP) {
            return createAlone(libraries, model, jsgf, words);
        }
    }

    private static Decoder createAlone(
            PocketSphinxLibrary.Loaded libraries, PocketSphinxModel model, String jsgf, Consumer<Pointer> words) {
        List<String> arguments = List.of(
                "voicebot",
                "-hmm",
                model.acousticModel().toString(),
                "-dict",
                model.dictionary().toString(),
                "-logfn",
                "/dev/null");
        Pointer config = libraries
                .sphinxbase()
                .cmd_ln_parse_r(
                        null,
                        libraries.pocketsphinx().ps_args(),
                        arguments.size(),
                        arguments.toArray(String[]::new),
                        1);
        if (config == null) {
            throw new IllegalStateException("pocketsphinx rejected its configuration " + arguments);
        }
        // ps_init takes its own reference to the configuration
        Pointer decoder = libraries.pocketsphinx().ps_init(config);
        libraries.sphinxbase().cmd_ln_free_r(config);
        if (decoder == null) {
            throw new IllegalStateException("pocketsphinx could not create a decoder from " + model.acousticModel()
                    + " and " + model.dictionary());
        }
        PocketSphinxLibrary ps = libraries.pocketsphinx();
        words.accept(decoder);
        if (ps.ps_set_jsgf_string(decoder, SEARCH, jsgf) != 0 || ps.ps_set_search(decoder, SEARCH) != 0) {
            ps.ps_free(decoder);
            throw new IllegalStateException("pocketsphinx rejected the grammar:\n" + jsgf);
        }
        return new Decoder(ps, decoder);
    }

    void startUtterance() {
        if (library.ps_start_utt(handle) < 0) {
            throw new IllegalStateException("pocketsphinx could not start an utterance");
        }
        inUtterance = true;
    }

    /** Decodes 16 kHz samples of the current utterance. */
    void process(short[] samples, int count) {
        if (count == 0) {
            return;
        }
        if (library.ps_process_raw(handle, samples, new NativeLong(count), 0, 0) < 0) {
            throw new IllegalStateException("pocketsphinx failed to process audio");
        }
    }

    /** The best hypothesis so far in the current utterance. */
    Hypothesis partial() {
        return hypothesis();
    }

    /** Ends the utterance and returns its best hypothesis. */
    Hypothesis endUtterance() {
        inUtterance = false;
        if (library.ps_end_utt(handle) < 0) {
            throw new IllegalStateException("pocketsphinx could not end the utterance");
        }
        return hypothesis();
    }

    boolean inUtterance() {
        return inUtterance;
    }

    private Hypothesis hypothesis() {
        IntByReference score = new IntByReference();
        String text = library.ps_get_hyp(handle, score);
        return new Hypothesis(text == null ? "" : text.strip(), score.getValue(), library.ps_get_n_frames(handle));
    }

    @Override
    public void close() {
        if (handle != null) {
            synchronized (NATIVE_SETUP) {
                library.ps_free(handle);
            }
            handle = null;
        }
    }

    /**
     * @param text the words, empty when no path through the grammar reached its end
     * @param score the path's log-likelihood in pocketsphinx's scaled units (higher is better)
     * @param frames 10 ms frames in the utterance
     */
    record Hypothesis(String text, int score, int frames) {

        /** The score per frame, which compares across utterances of different length. */
        double scorePerFrame() {
            return frames == 0 ? Double.NEGATIVE_INFINITY : (double) score / frames;
        }
    }
}
