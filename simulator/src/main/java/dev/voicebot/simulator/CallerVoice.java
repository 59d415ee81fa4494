package dev.voicebot.simulator;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import com.sun.speech.freetts.audio.AudioPlayer;
import dev.voicebot.common.audio.Resamplers;
import java.io.ByteArrayOutputStream;
import javax.sound.sampled.AudioFormat;

/**
 * A synthetic caller: FreeTTS's {@code kevin} diphone voice (8 kHz, pure Java, bundled in the FreeTTS jar),
 * converted to PCM16LE and resampled to the call's rate. Robotic, but very intelligible to speech recognisers.
 *
 * <p>Thread-safe: one instance serialises its own synthesis (a FreeTTS voice holds per-utterance state), and voices
 * are allocated one at a time because FreeTTS's allocation is not safe to run concurrently.
 */
public final class CallerVoice {

    static final String VOICE_NAME = "kevin";
    private static final String VOICES_PROPERTY = "freetts.voices";
    private static final String KEVIN_DIRECTORY = "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory";
    private static final Object ALLOCATION_LOCK = new Object();

    private final Voice voice;
    private final CollectingPlayer player = new CollectingPlayer();

    private CallerVoice() {
        synchronized (ALLOCATION_LOCK) {
            registerKevin();
            Voice found = VoiceManager.getInstance().getVoice(VOICE_NAME);
            if (found == null) {
                throw new IllegalStateException("FreeTTS voice '" + VOICE_NAME + "' not found on the classpath");
            }
            found.allocate();
            found.setAudioPlayer(player);
            this.voice = found;
        }
    }

    /** A new voice of its own (about 0.1–0.7 s to allocate). */
    public static CallerVoice create() {
        return new CallerVoice();
    }

    /** One voice shared by the whole JVM, created on first use. */
    public static CallerVoice shared() {
        return Shared.INSTANCE;
    }

    /**
     * Speaks {@code text} into PCM16LE mono at {@code sampleRate}.
     *
     * @throws IllegalArgumentException if the text is blank
     * @throws IllegalStateException if FreeTTS fails to speak it
     */
    public byte[] synthesize(String text, int sampleRate) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("nothing to say");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive");
        }
        byte[] pcm;
        AudioFormat format;
        synchronized (this) {
            player.reset();
            if (!voice.speak(text)) {
                throw new IllegalStateException("FreeTTS could not speak the text");
            }
            pcm = player.take();
            format = player.getAudioFormat();
        }
        if (format == null || format.getSampleSizeInBits() != 16 || format.getChannels() != 1) {
            throw new IllegalStateException("FreeTTS produced an unexpected format: " + format);
        }
        if (format.isBigEndian()) {
            swapBytes(pcm);
        }
        int nativeRate = Math.round(format.getSampleRate());
        return nativeRate == sampleRate ? pcm : Resamplers.resample(pcm, nativeRate, sampleRate);
    }

    private static void registerKevin() {
        String voices = System.getProperty(VOICES_PROPERTY);
        if (voices == null || voices.isBlank()) {
            System.setProperty(VOICES_PROPERTY, KEVIN_DIRECTORY);
        } else if (!voices.contains(KEVIN_DIRECTORY)) {
            System.setProperty(VOICES_PROPERTY, voices + "," + KEVIN_DIRECTORY);
        }
    }

    private static void swapBytes(byte[] pcm) {
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            byte high = pcm[i];
            pcm[i] = pcm[i + 1];
            pcm[i + 1] = high;
        }
    }

    private static final class Shared {
        static final CallerVoice INSTANCE = new CallerVoice();
    }

    /** Catches FreeTTS's output instead of playing it on a sound card. */
    private static final class CollectingPlayer implements AudioPlayer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private AudioFormat format;
        private float volume = 1.0f;

        byte[] take() {
            byte[] bytes = out.toByteArray();
            out.reset();
            return bytes;
        }

        @Override
        public void setAudioFormat(AudioFormat audioFormat) {
            this.format = audioFormat;
        }

        @Override
        public AudioFormat getAudioFormat() {
            return format;
        }

        @Override
        public void pause() {}

        @Override
        public void resume() {}

        @Override
        public void reset() {
            out.reset();
        }

        @Override
        public boolean drain() {
            return true;
        }

        @Override
        public void begin(int size) {}

        @Override
        public boolean end() {
            return true;
        }

        @Override
        public void cancel() {}

        @Override
        public void close() {}

        @Override
        public float getVolume() {
            return volume;
        }

        @Override
        public void setVolume(float volume) {
            this.volume = volume;
        }

        @Override
        public long getTime() {
            return 0;
        }

        @Override
        public void resetTime() {}

        @Override
        public void startFirstSampleTimer() {}

        @Override
        public boolean write(byte[] audioData) {
            return write(audioData, 0, audioData.length);
        }

        @Override
        public boolean write(byte[] bytes, int offset, int size) {
            out.write(bytes, offset, size);
            return true;
        }

        @Override
        public void showMetrics() {}
    }
}
