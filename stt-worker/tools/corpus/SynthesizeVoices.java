import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import com.sun.speech.freetts.audio.AudioPlayer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import marytts.LocalMaryInterface;

/**
 * Voices corpus lines with FreeTTS (kevin16) or MaryTTS (cmu-slt-hsmm) into WAV files at the
 * engine's own rate; make-corpus.sh turns them into telephone audio. Input: the corpus manifest
 * ("id<TAB>voice<TAB>kind<TAB>text" lines, '#' comments); voices other than freetts and mary are
 * skipped. Run with the source launcher: java -cp <classpath> SynthesizeVoices.java manifest.tsv outDir
 */
public class SynthesizeVoices {

    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        Voice kevin = null;
        LocalMaryInterface mary = null;
        for (String line : lines) {
            String[] cols = line.split("\t");
            if (line.startsWith("#") || cols.length < 4) {
                continue;
            }
            File target = out.resolve(cols[0] + ".wav").toFile();
            switch (cols[1]) {
                case "freetts" -> {
                    if (kevin == null) {
                        System.setProperty(
                                "freetts.voices", "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory");
                        kevin = VoiceManager.getInstance().getVoice("kevin16");
                        kevin.allocate();
                    }
                    Collector collector = new Collector();
                    kevin.setAudioPlayer(collector);
                    kevin.speak(cols[3]);
                    byte[] pcm = collector.bytes.toByteArray();
                    AudioInputStream stream = new AudioInputStream(
                            new ByteArrayInputStream(pcm), collector.format, pcm.length / collector.format.getFrameSize());
                    AudioSystem.write(stream, AudioFileFormat.Type.WAVE, target);
                }
                case "mary" -> {
                    if (mary == null) {
                        System.setProperty("mary.base", Files.createTempDirectory("mary").toString());
                        mary = new LocalMaryInterface();
                    }
                    AudioSystem.write(mary.generateAudio(cols[3]), AudioFileFormat.Type.WAVE, target);
                }
                default -> {}
            }
        }
        System.exit(0);
    }

    /** Collects what FreeTTS would play. */
    static final class Collector implements AudioPlayer {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AudioFormat format;
        private float volume = 1;

        @Override public void setAudioFormat(AudioFormat format) { this.format = format; }
        @Override public AudioFormat getAudioFormat() { return format; }
        @Override public void pause() {}
        @Override public void resume() {}
        @Override public void reset() {}
        @Override public boolean drain() { return true; }
        @Override public void begin(int size) {}
        @Override public boolean end() { return true; }
        @Override public void cancel() {}
        @Override public void close() {}
        @Override public float getVolume() { return volume; }
        @Override public void setVolume(float volume) { this.volume = volume; }
        @Override public long getTime() { return 0; }
        @Override public void resetTime() {}
        @Override public void startFirstSampleTimer() {}
        @Override public boolean write(byte[] audioData) { return write(audioData, 0, audioData.length); }
        @Override public boolean write(byte[] audioData, int offset, int size) {
            bytes.write(audioData, offset, size);
            return true;
        }
        @Override public void showMetrics() {}
    }
}
