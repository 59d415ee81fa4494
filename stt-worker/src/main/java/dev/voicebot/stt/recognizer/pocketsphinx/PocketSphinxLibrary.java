package dev.voicebot.stt.recognizer.pocketsphinx;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The C API of Debian's pocketsphinx 0.8+5prealpha ({@code libpocketsphinx3}). Configuration
 * parsing lives in {@code libsphinxbase.so.3} in this version; the {@code ps_config_*} API of
 * pocketsphinx 5 does not exist here. The versioned library names load without the -dev package.
 */
interface PocketSphinxLibrary extends Library {

    String LIBRARY = "libpocketsphinx.so.3";

    Pointer ps_args();

    Pointer ps_init(Pointer config);

    int ps_free(Pointer decoder);

    int ps_start_utt(Pointer decoder);

    int ps_process_raw(Pointer decoder, short[] data, NativeLong samples, int noSearch, int fullUtterance);

    int ps_end_utt(Pointer decoder);

    /** The best hypothesis so far, or {@code null}; the string belongs to the decoder. */
    String ps_get_hyp(Pointer decoder, IntByReference bestScore);

    int ps_get_n_frames(Pointer decoder);

    int ps_set_jsgf_string(Pointer decoder, String name, String jsgf);

    int ps_set_search(Pointer decoder, String name);

    /** Adds a word with its phones (space-separated); {@code update} 1 rebuilds the search. */
    int ps_add_word(Pointer decoder, String word, String phones, int update);

    /** Sphinxbase's command-line parser; {@code argv[0]} is skipped as the program name. */
    interface SphinxBase extends Library {

        String LIBRARY = "libsphinxbase.so.3";

        Pointer cmd_ln_parse_r(Pointer inout, Pointer definitions, int argc, String[] argv, int strict);

        int cmd_ln_free_r(Pointer config);
    }

    /** Loads both libraries; throws {@link UnsatisfiedLinkError} when they are not installed. */
    static Loaded load() {
        return new Loaded(
                Native.load(LIBRARY, PocketSphinxLibrary.class), Native.load(SphinxBase.LIBRARY, SphinxBase.class));
    }

    record Loaded(PocketSphinxLibrary pocketsphinx, SphinxBase sphinxbase) {}
}
