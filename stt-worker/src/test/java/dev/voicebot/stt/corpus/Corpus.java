package dev.voicebot.stt.corpus;

import dev.voicebot.common.audio.WavAudio;
import dev.voicebot.common.audio.WavFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The committed recognition corpus: src/test/resources/corpus/manifest.tsv and its WAV files. */
public final class Corpus {

    private Corpus() {}

    /**
     * One utterance.
     *
     * @param inGrammar whether the script expects it (it must be recognized) or not (it must be rejected)
     */
    public record Utterance(String id, String voice, boolean inGrammar, String text, WavAudio audio) {}

    public static List<Utterance> load() {
        List<Utterance> utterances = new ArrayList<>();
        for (String line : resourceText("manifest.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t");
            if (columns.length != 4) {
                throw new IllegalStateException("corpus manifest line needs 4 tab-separated columns: " + line);
            }
            WavAudio audio = WavFile.read(resourceBytes(columns[0] + ".wav"));
            utterances.add(new Utterance(columns[0], columns[1], columns[2].equals("in"), columns[3], audio));
        }
        return utterances;
    }

    private static String resourceText(String name) {
        return new String(resourceBytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] resourceBytes(String name) {
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + name)) {
            if (in == null) {
                throw new IllegalStateException("corpus file missing from the test classpath: corpus/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
