package dev.voicebot.common.audio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads RIFF/WAVE files into PCM16 mono (multi-channel audio is averaged down to one channel) and
 * writes PCM16 mono WAV files. Unknown chunks (LIST, fact, cue, …) are skipped, odd-sized chunks
 * honour RIFF's pad byte, and a data chunk whose declared size overruns the file (as written by
 * streaming encoders) is read to the end of the file. Malformed or unsupported files raise
 * {@link IllegalArgumentException} saying what is wrong.
 */
public final class WavFile {

    static final int HEADER_BYTES = 44;

    private WavFile() {}

    public static WavAudio read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return read(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static WavAudio read(byte[] wavBytes) {
        Objects.requireNonNull(wavBytes, "wavBytes");
        if (wavBytes.length < 12) {
            throw new IllegalArgumentException(
                    "not a WAV file: " + wavBytes.length + " bytes is too short for a RIFF/WAVE header");
        }
        String riff = fourCc(wavBytes, 0);
        if (riff.equals("RIFX") || riff.equals("RF64")) {
            throw new IllegalArgumentException(
                    "unsupported WAV container '" + riff + "'; only little-endian RIFF files are readable");
        }
        if (!riff.equals("RIFF") || !fourCc(wavBytes, 8).equals("WAVE")) {
            throw new IllegalArgumentException(
                    "not a WAV file: expected 'RIFF' … 'WAVE', found '" + riff + "' … '" + fourCc(wavBytes, 8) + "'");
        }
        WavFormatChunk format = null;
        int offset = 12;
        while (offset + 8 <= wavBytes.length) {
            String id = fourCc(wavBytes, offset);
            long size = uint32(wavBytes, offset + 4);
            int body = offset + 8;
            long available = wavBytes.length - body;
            if (id.equals("fmt ")) {
                if (size > available) {
                    throw new IllegalArgumentException(
                            "WAV fmt chunk claims " + size + " bytes but only " + available + " remain");
                }
                format = WavFormatChunk.parse(wavBytes, body, (int) size);
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new IllegalArgumentException("WAV data chunk comes before any fmt chunk");
                }
                return format.decode(wavBytes, body, (int) Math.min(size, available));
            }
            offset = (int) Math.min(wavBytes.length, body + size + (size & 1));
        }
        throw new IllegalArgumentException(format == null ? "WAV file has no fmt chunk" : "WAV file has no data chunk");
    }

    public static void write(Path file, int sampleRate, byte[] pcm) throws IOException {
        Files.write(file, toBytes(sampleRate, pcm));
    }

    /** A 16-bit mono PCM RIFF/WAVE file holding {@code pcm}. */
    public static byte[] toBytes(int sampleRate, byte[] pcm) {
        Pcm16.requirePositiveRate(sampleRate);
        Pcm16.requireEvenLength(pcm);
        if (pcm.length > Integer.MAX_VALUE - HEADER_BYTES) {
            throw new IllegalArgumentException("audio too long for one WAV byte array: " + pcm.length + " bytes");
        }
        byte[] wav = new byte[HEADER_BYTES + pcm.length];
        putAscii(wav, 0, "RIFF");
        putInt(wav, 4, 36 + pcm.length);
        putAscii(wav, 8, "WAVE");
        putAscii(wav, 12, "fmt ");
        putInt(wav, 16, 16);
        putShort(wav, 20, WavSampleFormat.TAG_PCM);
        putShort(wav, 22, 1);
        putInt(wav, 24, sampleRate);
        putInt(wav, 28, sampleRate * Pcm16.BYTES_PER_SAMPLE);
        putShort(wav, 32, Pcm16.BYTES_PER_SAMPLE);
        putShort(wav, 34, 16);
        putAscii(wav, 36, "data");
        putInt(wav, 40, pcm.length);
        System.arraycopy(pcm, 0, wav, HEADER_BYTES, pcm.length);
        return wav;
    }

    static String fourCc(byte[] b, int at) {
        StringBuilder id = new StringBuilder(4);
        for (int i = at; i < at + 4; i++) {
            char c = (char) (b[i] & 0xff);
            id.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return id.toString();
    }

    static long uint32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    static int uint16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static void putAscii(byte[] b, int at, String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, b, at, ascii.length);
    }

    private static void putInt(byte[] b, int at, int value) {
        putShort(b, at, value);
        putShort(b, at + 2, value >>> 16);
    }

    private static void putShort(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
    }
}
