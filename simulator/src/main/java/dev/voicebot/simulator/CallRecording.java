package dev.voicebot.simulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Both sides of the call on one timeline (sample 0 = the socket opened): what the caller sent, and the bot's audio
 * as it played (audio dropped by {@code clear} never appears). Not thread-safe; the call guards it.
 */
final class CallRecording {

    private final int sampleRate;
    private final boolean enabled;
    private final Track caller = new Track();
    private final Track bot = new Track();

    CallRecording(int sampleRate, boolean enabled) {
        this.sampleRate = sampleRate;
        this.enabled = enabled;
    }

    void caller(long positionSamples, byte[] pcm, int offset, int length) {
        if (enabled) {
            caller.write(positionSamples * 2, pcm, offset, length);
        }
    }

    void bot(long positionSamples, byte[] pcm, int offset, int length) {
        if (enabled) {
            bot.write(positionSamples * 2, pcm, offset, length);
        }
    }

    byte[] callerPcm() {
        return Arrays.copyOf(caller.data, length());
    }

    byte[] botPcm() {
        return Arrays.copyOf(bot.data, length());
    }

    /** Writes a 16-bit stereo WAV at the call rate: left channel the caller, right channel the bot. */
    void writeStereoWav(Path file) throws IOException {
        if (!enabled) {
            throw new IllegalStateException("this call was not recorded (recordAudio(false))");
        }
        byte[] left = callerPcm();
        byte[] right = botPcm();
        byte[] interleaved = new byte[left.length * 2];
        for (int i = 0, o = 0; i < left.length; i += 2, o += 4) {
            interleaved[o] = left[i];
            interleaved[o + 1] = left[i + 1];
            interleaved[o + 2] = right[i];
            interleaved[o + 3] = right[i + 1];
        }
        AudioFormat format = new AudioFormat(sampleRate, 16, 2, true, false);
        try (AudioInputStream in =
                new AudioInputStream(new ByteArrayInputStream(interleaved), format, interleaved.length / 4)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    private int length() {
        return Math.max(caller.length, bot.length);
    }

    /** A growable byte track written at absolute positions; gaps read as silence. */
    private static final class Track {
        private byte[] data = new byte[0];
        private int length;

        void write(long position, byte[] pcm, int offset, int count) {
            long end = position + count;
            if (end > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("recording longer than 2 GB");
            }
            if (end > data.length) {
                data = Arrays.copyOf(data, (int) Math.max(end, Math.min(Integer.MAX_VALUE - 8L, data.length * 2L)));
            }
            System.arraycopy(pcm, offset, data, (int) position, count);
            length = (int) Math.max(length, end);
        }
    }
}
