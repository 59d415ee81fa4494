package dev.voicebot.tts.synth.mary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.sound.sampled.AudioInputStream;
import marytts.LocalMaryInterface;
import marytts.MaryInterface;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide MaryTTS instance. Mary is a JVM singleton ({@code Mary.startup}), so it is
 * started once and shared; its setters are called only here, before any synthesis, because they
 * change shared state. Concurrent {@link #generate} calls are safe and deterministic.
 */
public final class MaryEngine {

    /** The only MaryTTS voice on Maven Central; it speaks US English at 48 kHz. */
    public static final String VOICE = "cmu-slt-hsmm";

    private static final Logger log = LoggerFactory.getLogger(MaryEngine.class);
    private static MaryEngine shared;

    private final MaryInterface mary;

    private MaryEngine(MaryInterface mary) {
        this.mary = mary;
    }

    /**
     * Starts MaryTTS on first use. Mary writes its own files (a log folder) under {@code mary.base},
     * so that is pointed at {@code baseDir} unless the JVM was started with {@code -Dmary.base}.
     */
    public static synchronized MaryEngine start(Path baseDir) {
        if (shared == null) {
            try {
                if (System.getProperty("mary.base") == null) {
                    Files.createDirectories(baseDir);
                    System.setProperty("mary.base", baseDir.toAbsolutePath().toString());
                }
                long started = System.nanoTime();
                MaryInterface mary = new LocalMaryInterface();
                mary.setLocale(Locale.US);
                mary.setVoice(VOICE);
                shared = new MaryEngine(mary);
                log.info(
                        "MaryTTS voice {} ready in {} ms (mary.base {})",
                        VOICE,
                        (System.nanoTime() - started) / 1_000_000,
                        System.getProperty("mary.base"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the MaryTTS folder " + baseDir, e);
            } catch (Exception e) {
                throw new IllegalStateException(
                        "MaryTTS did not start: " + e.getMessage()
                                + " (it needs about 64 MB of heap and the voice-cmu-slt-hsmm jar on the classpath)",
                        e);
            }
        }
        return shared;
    }

    /** Starts synthesis; the returned stream fills progressively as Mary's vocoder thread runs. */
    public AudioInputStream generate(String text) throws Exception {
        return mary.generateAudio(text);
    }
}
