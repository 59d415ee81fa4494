package dev.voicebot.stt.recognizer.pocketsphinx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The acoustic model and dictionary, prepared for telephone audio. In pocketsphinx 0.8 the model's
 * {@code feat.params} overrides the command line, and its {@code -cmninit} (the starting cepstral
 * mean) describes wide-band audio: on 300-3400 Hz phone audio the first utterance of a decoder then
 * comes out empty. So the model is used through an overlay folder of links to its files plus a
 * {@code feat.params} whose {@code -cmninit} was measured on phone-band speech.
 */
final class PocketSphinxModel implements AutoCloseable {

    /**
     * Mean cepstrum of 8 kHz phone-band speech upsampled to 16 kHz, as pocketsphinx's live CMN
     * settled on the test corpus; the model's own value is {@code 41.00,-5.29,-0.12,5.09,…}.
     */
    static final String PHONE_CMN_INIT =
            "41.26,21.96,-42.15,34.87,-17.57,-17.91,6.35,-37.09,-0.61,-7.74,-10.96,6.81,-16.24";

    private final Path overlay;
    private final Path dictionary;

    private PocketSphinxModel(Path overlay, Path dictionary) {
        this.overlay = overlay;
        this.dictionary = dictionary;
    }

    /**
     * @param acousticModel the model folder (Debian: /usr/share/pocketsphinx/model/en-us/en-us)
     * @param dictionary the pronouncing dictionary (Debian: …/en-us/cmudict-en-us.dict)
     */
    static PocketSphinxModel prepare(Path acousticModel, Path dictionary) {
        requireFile(acousticModel.resolve("mdef"), "acoustic model");
        requireFile(acousticModel.resolve("feat.params"), "acoustic model");
        requireFile(dictionary, "pronouncing dictionary");
        try {
            Path overlay = Files.createTempDirectory("voicebot-pocketsphinx-");
            try (DirectoryStream<Path> files = Files.newDirectoryStream(acousticModel)) {
                for (Path file : files) {
                    if (!file.getFileName().toString().equals("feat.params")) {
                        Files.createSymbolicLink(overlay.resolve(file.getFileName()), file.toAbsolutePath());
                    }
                }
            }
            List<String> params = new ArrayList<>();
            for (String line : Files.readAllLines(acousticModel.resolve("feat.params"))) {
                params.add(line.startsWith("-cmninit") ? "-cmninit " + PHONE_CMN_INIT : line);
            }
            if (params.stream().noneMatch(line -> line.startsWith("-cmninit"))) {
                params.add("-cmninit " + PHONE_CMN_INIT);
            }
            Files.write(overlay.resolve("feat.params"), params);
            return new PocketSphinxModel(overlay, dictionary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the pocketsphinx model overlay of " + acousticModel, e);
        }
    }

    Path acousticModel() {
        return overlay;
    }

    Path dictionary() {
        return dictionary;
    }

    /** Deletes the overlay folder (links only; the model stays). */
    @Override
    public void close() {
        try (Stream<Path> files = Files.list(overlay)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(overlay);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the pocketsphinx model overlay " + overlay, e);
        }
    }

    private static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("pocketsphinx " + what + " not found: " + file + ". Install the Debian"
                    + " packages pocketsphinx-en-us and libpocketsphinx3 (tools/apt-packages.txt), or point"
                    + " VOICEBOT_STT_POCKETSPHINX_MODEL / VOICEBOT_STT_POCKETSPHINX_DICTIONARY at them");
        }
    }
}
