package dev.voicebot.common.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AudioChunkerTests {

    @ParameterizedTest
    @ValueSource(ints = {0, -320, 100, 321, 3201})
    void rejectsChunkSizesThatAreNotPositiveMultiplesOf320(int size) {
        assertThatThrownBy(() -> new AudioChunker(size))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple of 320")
                .hasMessageContaining(String.valueOf(size));
    }

    @Test
    void chunkSizeForADurationIsRoundedToAMultipleOf320() {
        assertThat(AudioChunker.chunkBytesFor(8000, 200)).isEqualTo(3200);
        assertThat(AudioChunker.chunkBytesFor(16000, 200)).isEqualTo(6400);
        assertThat(AudioChunker.chunkBytesFor(24000, 200)).isEqualTo(9600);
        assertThat(AudioChunker.chunkBytesFor(8000, 100)).isEqualTo(1600);
        assertThat(AudioChunker.chunkBytesFor(8000, 25)).isEqualTo(320);
        assertThat(AudioChunker.chunkBytesFor(8000, 35)).isEqualTo(640);
        assertThat(AudioChunker.chunkBytesFor(8000, 1))
                .as("never below one frame")
                .isEqualTo(320);
    }

    @Test
    void oddSizedPiecesComeOutAsWholeChunksInOrder() {
        byte[] stream = ResamplerTests.speechLikeSignal(8000, 1000);
        AudioChunker chunker = new AudioChunker(3200);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Random random = new Random(3);
        for (int offset = 0; offset < stream.length; ) {
            int size = Math.min(stream.length - offset, 1 + 2 * random.nextInt(700));
            for (byte[] chunk : chunker.push(Arrays.copyOfRange(stream, offset, offset + size))) {
                assertThat(chunk).hasSize(3200);
                out.writeBytes(chunk);
            }
            offset += size;
        }

        assertThat(out.size()).isEqualTo(16000 / 3200 * 3200);
        assertThat(chunker.pendingBytes()).isZero();
        assertThat(out.toByteArray()).isEqualTo(stream);
    }

    @Test
    void oneLargePushYieldsSeveralChunksAndKeepsTheRest() {
        AudioChunker chunker = new AudioChunker(640);
        byte[] pcm = sequence(2000);

        List<byte[]> chunks = chunker.push(pcm);

        assertThat(chunks).hasSize(3).allSatisfy(chunk -> assertThat(chunk).hasSize(640));
        assertThat(chunks.get(2)).isEqualTo(Arrays.copyOfRange(pcm, 1280, 1920));
        assertThat(chunker.pendingBytes()).isEqualTo(80);
    }

    @Test
    void flushPadsTheRemainderWithSilenceToTheNext320() {
        AudioChunker chunker = new AudioChunker(3200);
        byte[] pcm = sequence(700);
        assertThat(chunker.push(pcm)).isEmpty();

        byte[] last = chunker.flush();

        assertThat(last).hasSize(960);
        assertThat(Arrays.copyOf(last, 700)).isEqualTo(pcm);
        assertThat(Arrays.copyOfRange(last, 700, 960)).containsOnly(0);
        assertThat(chunker.pendingBytes()).isZero();
        assertThat(chunker.flush()).isEmpty();
    }

    @Test
    void flushAfterAByteSplitMidSampleKeepsEveryByte() {
        AudioChunker chunker = new AudioChunker(320);
        chunker.push(new byte[] {1, 2, 3});
        chunker.push(new byte[] {4});

        assertThat(chunker.pendingBytes()).isEqualTo(4);
        assertThat(chunker.flush()).hasSize(320).startsWith(1, 2, 3, 4, 0);
    }

    @Test
    void resetDropsPendingBytes() {
        AudioChunker chunker = new AudioChunker(320);
        chunker.push(sequence(500));
        chunker.reset();

        assertThat(chunker.pendingBytes()).isZero();
        assertThat(chunker.flush()).isEmpty();
        List<byte[]> next = chunker.push(sequence(320));
        assertThat(next).singleElement().isEqualTo(sequence(320));
    }

    @Test
    void emptyPushesChangeNothing() {
        AudioChunker chunker = new AudioChunker(320);
        assertThat(chunker.push(new byte[0])).isEmpty();
        assertThat(chunker.pendingBytes()).isZero();
    }

    private static byte[] sequence(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 7 + 1);
        }
        return bytes;
    }
}
