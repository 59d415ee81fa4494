package dev.voicebot.common.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFileTests {

    private static final byte[] PCM = Pcm16.toBytes(new short[] {0, 1000, -1000, Short.MAX_VALUE, Short.MIN_VALUE});

    @Test
    void writesTheCanonical44ByteHeader() {
        byte[] wav = WavFile.toBytes(8000, PCM);
        ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(header.getInt(4)).isEqualTo(36 + PCM.length);
        assertThat(new String(wav, 8, 8, StandardCharsets.US_ASCII)).isEqualTo("WAVEfmt ");
        assertThat(header.getShort(20)).as("PCM").isEqualTo((short) 1);
        assertThat(header.getShort(22)).as("channels").isEqualTo((short) 1);
        assertThat(header.getInt(24)).isEqualTo(8000);
        assertThat(header.getInt(28)).as("byte rate").isEqualTo(16000);
        assertThat(header.getShort(34)).as("bits").isEqualTo((short) 16);
        assertThat(header.getInt(40)).isEqualTo(PCM.length);
        assertThat(Arrays.copyOfRange(wav, 44, wav.length)).isEqualTo(PCM);
    }

    @Test
    void roundTripsThroughBytesAndFiles(@TempDir Path dir) throws IOException {
        byte[] tone = Pcm16.tone(16000, 440, 250, 0.8);
        Path file = dir.resolve("tone.wav");
        WavFile.write(file, 16000, tone);

        assertThat(WavFile.read(file)).isEqualTo(new WavAudio(16000, tone));
        assertThat(WavFile.read(WavFile.toBytes(24000, tone)).pcm()).isEqualTo(tone);
        assertThat(WavFile.read(file).durationMillis()).isEqualTo(250.0);
    }

    @Test
    void stereoIsAveragedToMono() {
        ByteBuffer frames = le(4 * 3);
        frames.putShort((short) 1000).putShort((short) 3000);
        frames.putShort((short) -2000).putShort((short) 2000);
        frames.putShort(Short.MAX_VALUE).putShort(Short.MAX_VALUE);
        byte[] wav = new WavBuilder().fmt(1, 2, 8000, 16).data(frames.array()).build();

        assertThat(Pcm16.toSamples(WavFile.read(wav).pcm())).containsExactly((short) 2000, (short) 0, Short.MAX_VALUE);
    }

    @Test
    void eightBitUnsignedIsCentredOn128() {
        byte[] wav = new WavBuilder()
                .fmt(1, 1, 8000, 8)
                .data(new byte[] {(byte) 128, (byte) 255, 0, (byte) 192})
                .build();

        assertThat(Pcm16.toSamples(WavFile.read(wav).pcm()))
                .containsExactly((short) 0, (short) 32512, Short.MIN_VALUE, (short) 16384);
    }

    @Test
    void thirtyTwoBitFloatIsScaledAndClamped() {
        ByteBuffer floats =
                le(16).putFloat(0.5f).putFloat(-0.25f).putFloat(1.5f).putFloat(-1f);
        byte[] wav = new WavBuilder().fmt(3, 1, 48000, 32).data(floats.array()).build();

        WavAudio audio = WavFile.read(wav);

        assertThat(audio.sampleRate()).isEqualTo(48000);
        assertThat(Pcm16.toSamples(audio.pcm()))
                .containsExactly((short) 16384, (short) -8192, Short.MAX_VALUE, Short.MIN_VALUE);
    }

    @Test
    void extensibleFormatUsesItsSubFormat() {
        ByteBuffer fmt = le(40);
        fmt.putShort((short) 0xFFFE).putShort((short) 1).putInt(16000).putInt(32000);
        fmt.putShort((short) 2)
                .putShort((short) 16)
                .putShort((short) 22)
                .putShort((short) 16)
                .putInt(4);
        fmt.putShort((short) 1); // sub-format GUID starts with the PCM tag
        byte[] wav = new WavBuilder().chunk("fmt ", fmt.array()).data(PCM).build();

        assertThat(WavFile.read(wav)).isEqualTo(new WavAudio(16000, PCM));
    }

    @Test
    void g711IsDecoded() {
        byte[] wav = new WavBuilder()
                .fmt(7, 1, 8000, 8)
                .data(new byte[] {(byte) 0xFF, (byte) 0x80, 0x00})
                .build();

        assertThat(Pcm16.toSamples(WavFile.read(wav).pcm())).containsExactly((short) 0, (short) 32124, (short) -32124);
    }

    @Test
    void unknownAndOddSizedChunksAreSkipped() {
        byte[] wav = new WavBuilder()
                .chunk("LIST", "INFOISFT\u0005\u0000\u0000\u0000sox!".getBytes(StandardCharsets.ISO_8859_1))
                .fmt(1, 1, 8000, 16)
                .chunk("fact", new byte[] {1, 2, 3})
                .data(PCM)
                .chunk("cue ", new byte[7])
                .build();

        assertThat(WavFile.read(wav)).isEqualTo(new WavAudio(8000, PCM));
    }

    @Test
    void dataSizeOverrunningTheFileIsReadToTheEnd() {
        byte[] wav = WavFile.toBytes(8000, PCM);
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(4, -1).putInt(40, -1);
        byte[] truncatedMidSample = Arrays.copyOf(wav, wav.length - 1);

        assertThat(WavFile.read(wav).pcm()).isEqualTo(PCM);
        assertThat(WavFile.read(truncatedMidSample).pcm()).isEqualTo(Arrays.copyOf(PCM, PCM.length - 2));
    }

    @Test
    void malformedFilesGiveClearErrors() {
        assertRejected(new byte[10], "too short");
        assertRejected("RIFF\0\0\0\0AVI LIST".getBytes(StandardCharsets.US_ASCII), "not a WAV file");
        assertRejected("ID3\u0004\0\0\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII), "not a WAV file");
        byte[] bigEndian = WavFile.toBytes(8000, PCM);
        bigEndian[3] = 'X';
        assertRejected(bigEndian, "RIFX");
        assertRejected(new WavBuilder().data(PCM).build(), "data chunk comes before any fmt chunk");
        assertRejected(new WavBuilder().fmt(1, 1, 8000, 16).build(), "no data chunk");
        assertRejected(new WavBuilder().chunk("LIST", new byte[4]).build(), "no fmt chunk");
        assertRejected(new WavBuilder().chunk("fmt ", new byte[12]).data(PCM).build(), "at least 16");
        assertRejected(new WavBuilder().fmt(2, 1, 8000, 4).data(PCM).build(), "MS ADPCM (format tag 0x0002)");
        assertRejected(new WavBuilder().fmt(1, 1, 8000, 12).data(PCM).build(), "12-bit");
        assertRejected(new WavBuilder().fmt(1, 0, 8000, 16).data(PCM).build(), "0 channels");
        assertRejected(new WavBuilder().fmt(1, 1, 0, 16).data(PCM).build(), "sample rate of 0 Hz");
        byte[] fmtOverrun = new WavBuilder().fmt(1, 1, 8000, 16).build();
        ByteBuffer.wrap(fmtOverrun).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 1000);
        assertRejected(fmtOverrun, "claims 1000 bytes");
    }

    @Test
    void fileErrorsNameTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.wav");
        Files.write(file, new byte[20]);

        assertThatThrownBy(() -> WavFile.read(file))
                .hasMessageContaining("broken.wav")
                .hasMessageContaining("not a WAV");
    }

    @Test
    void writingRejectsOddPcm() {
        assertThatThrownBy(() -> WavFile.toBytes(8000, new byte[3])).hasMessageContaining("even number of bytes");
        assertThatThrownBy(() -> WavFile.toBytes(0, PCM)).hasMessageContaining("sample rate");
    }

    private static void assertRejected(byte[] wav, String reason) {
        assertThatThrownBy(() -> WavFile.read(wav))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Assembles RIFF/WAVE files chunk by chunk, with pad bytes after odd-sized chunks. */
    private static final class WavBuilder {
        private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();

        WavBuilder fmt(int formatTag, int channels, int sampleRate, int bits) {
            int blockAlign = channels * ((bits + 7) / 8);
            ByteBuffer fmt = le(16);
            fmt.putShort((short) formatTag).putShort((short) channels).putInt(sampleRate);
            fmt.putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) bits);
            return chunk("fmt ", fmt.array());
        }

        WavBuilder data(byte[] data) {
            return chunk("data", data);
        }

        WavBuilder chunk(String id, byte[] body) {
            chunks.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
            chunks.writeBytes(le(4).putInt(body.length).array());
            chunks.writeBytes(body);
            if (body.length % 2 == 1) {
                chunks.write(0);
            }
            return this;
        }

        byte[] build() {
            ByteBuffer riff = le(12 + chunks.size());
            riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + chunks.size());
            riff.put("WAVE".getBytes(StandardCharsets.US_ASCII)).put(chunks.toByteArray());
            return riff.array();
        }
    }
}
