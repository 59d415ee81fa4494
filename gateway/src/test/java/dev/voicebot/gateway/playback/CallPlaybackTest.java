package dev.voicebot.gateway.playback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.kafka.AudioRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallPlaybackTest {

    private static final long MS = 1_000_000L;
    private static final long T0 = 5_000 * MS;

    private final PlaybackSettings settings = PlaybackSettings.defaults();

    private static AudioRecord audio(int turn, int bytes, boolean last, int rate) {
        byte[] pcm = new byte[bytes];
        Arrays.fill(pcm, (byte) 1);
        return new AudioRecord("call-1", pcm, rate, 0, turn, last, 0, "route");
    }

    private static List<PlayItem.Frame> frames(List<PlayItem> items) {
        return items.stream()
                .filter(PlayItem.Frame.class::isInstance)
                .map(PlayItem.Frame.class::cast)
                .toList();
    }

    @Test
    void chunkSizesAreMultiplesOf320ScaledByRate() {
        assertThat(settings.chunkBytes(8000)).isEqualTo(3200);
        assertThat(settings.chunkBytes(16000)).isEqualTo(6400);
        assertThat(settings.chunkBytes(24000)).isEqualTo(9600);
        assertThat(new PlaybackSettings(1000, 400, 0).chunkBytes(24000)).isEqualTo(48000);
        assertThat(new PlaybackSettings(5000, 400, 0).chunkBytes(24000)).isEqualTo(99840);
        assertThat(settings.chunkNanos(16000)).isEqualTo(200 * MS);
    }

    @Test
    void rechunksAndPadsTheTurnsLastChunkThenSendsItsMark() {
        CallPlayback playback = new CallPlayback(8000, settings, T0);
        playback.enqueue(audio(1, 5000, false, 8000), T0);
        List<PlayItem> first = playback.due(T0);
        assertThat(frames(first)).singleElement().satisfies(f -> assertThat(f.pcm())
                .hasSize(3200));

        playback.enqueue(audio(1, 1000, true, 8000), T0);
        List<PlayItem> rest = playback.due(T0);

        assertThat(rest).hasSize(2);
        byte[] last = ((PlayItem.Frame) rest.get(0)).pcm();
        assertThat(last).hasSize(3200);
        assertThat(last[2799]).isEqualTo((byte) 1);
        assertThat(Arrays.copyOfRange(last, 2800, 3200)).containsOnly(0);
        assertThat(rest.get(1)).isEqualTo(new PlayItem.Mark("turn-1", 1));
    }

    @Test
    void pacesAtRealTimeWithALeadOfAtMost400Ms() {
        CallPlayback playback = new CallPlayback(8000, settings, T0);
        playback.enqueue(audio(1, 10 * 3200, true, 8000), T0);

        List<Long> dueTimes = new ArrayList<>();
        List<Long> sendTimes = new ArrayList<>();
        for (long now = T0; now <= T0 + 3000 * MS; now += MS) {
            for (PlayItem.Frame frame : frames(playback.due(now))) {
                dueTimes.add(frame.dueNanos());
                sendTimes.add(now);
            }
        }

        assertThat(sendTimes).hasSize(10);
        assertThat(sendTimes.get(0)).isEqualTo(T0);
        assertThat(sendTimes.get(1)).isEqualTo(T0);
        for (int i = 2; i < 10; i++) {
            assertThat(sendTimes.get(i)).isEqualTo(T0 + (i - 1) * 200 * MS);
            assertThat(dueTimes.get(i)).isEqualTo(sendTimes.get(i));
        }
        assertThat(playback.mayBeDue(T0 + 100_000 * MS)).isFalse();
    }

    @Test
    void tellsThePacerWhenSomethingMayBeDue() {
        CallPlayback playback = new CallPlayback(8000, settings, T0);
        assertThat(playback.mayBeDue(T0)).isFalse();
        playback.enqueue(audio(1, 4 * 3200, true, 8000), T0);
        assertThat(playback.mayBeDue(T0)).isTrue();

        playback.due(T0);

        assertThat(playback.mayBeDue(T0 + 199 * MS)).isFalse();
        assertThat(playback.mayBeDue(T0 + 200 * MS)).isTrue();
    }

    @Test
    void lateReleaseKeepsItsDueTimeForJitter() {
        CallPlayback playback = new CallPlayback(8000, settings, T0);
        playback.enqueue(audio(1, 4 * 3200, true, 8000), T0);
        playback.due(T0);

        List<PlayItem.Frame> late = frames(playback.due(T0 + 230 * MS));

        assertThat(late).singleElement().satisfies(f -> assertThat(f.dueNanos()).isEqualTo(T0 + 200 * MS));
    }

    @Test
    void clearDropsQueuedAudioAndLaterAudioOfClearedTurns() {
        CallPlayback playback = new CallPlayback(8000, settings, T0);
        playback.enqueue(audio(1, 10 * 3200, false, 8000), T0);
        assertThat(frames(playback.due(T0))).hasSize(2);

        playback.clear(1, T0 + 50 * MS);

        assertThat(playback.due(T0 + 1000 * MS)).isEmpty();
        assertThat(playback.enqueue(audio(1, 3200, true, 8000), T0 + 60 * MS)).isEqualTo(CallPlayback.Accepted.STALE);
        assertThat(playback.enqueue(audio(2, 3200, true, 8000), T0 + 60 * MS)).isEqualTo(CallPlayback.Accepted.QUEUED);
        List<PlayItem> next = playback.due(T0 + 60 * MS);
        assertThat(frames(next)).singleElement().satisfies(f -> assertThat(f.turn())
                .isEqualTo(2));
        assertThat(next.getLast()).isEqualTo(new PlayItem.Mark("turn-2", 2));
    }

    @Test
    void callerSpeechClearsEveryTurnReceivedWhileTheBotIsAudible() {
        CallPlayback playback = new CallPlayback(8000, settings, T0);
        playback.enqueue(audio(1, 3200, true, 8000), T0);
        playback.enqueue(audio(2, 10 * 3200, false, 8000), T0);
        playback.due(T0);

        assertThat(playback.bargeIn(T0 + 50 * MS)).isTrue();

        assertThat(playback.due(T0 + 1000 * MS)).isEmpty();
        assertThat(playback.enqueue(audio(2, 3200, true, 8000), T0 + 60 * MS)).isEqualTo(CallPlayback.Accepted.STALE);
        assertThat(playback.enqueue(audio(3, 3200, true, 8000), T0 + 60 * MS)).isEqualTo(CallPlayback.Accepted.QUEUED);
    }

    @Test
    void callerSpeechClearsNothingOnceTheBotHasFinishedOrWhenTheCallIsEnding() {
        CallPlayback silent = new CallPlayback(8000, settings, T0);
        assertThat(silent.bargeIn(T0)).isFalse();

        CallPlayback played = new CallPlayback(8000, settings, T0);
        played.enqueue(audio(1, 3200, true, 8000), T0);
        played.due(T0);
        played.markEchoed("turn-1");
        assertThat(played.bargeIn(T0 + 500 * MS)).isFalse();
        assertThat(played.enqueue(audio(1, 3200, true, 8000), T0 + 500 * MS))
                .as("nothing was cleared")
                .isEqualTo(CallPlayback.Accepted.QUEUED);

        CallPlayback goodbye = new CallPlayback(8000, settings, T0);
        goodbye.enqueue(audio(4, 5 * 3200, true, 8000), T0);
        goodbye.requestEnd(T0);
        goodbye.due(T0);
        assertThat(goodbye.bargeIn(T0 + 50 * MS)).isFalse();
        assertThat(frames(goodbye.due(T0 + 1000 * MS))).isNotEmpty();
    }

    @Test
    void callerSpeechClearsATurnWhoseAudioRanOutBeforeItsEnd() {
        CallPlayback playback = new CallPlayback(8000, settings, T0);
        playback.enqueue(audio(1, 3200, false, 8000), T0);
        playback.due(T0);

        assertThat(playback.bargeIn(T0 + 1000 * MS)).as("a gap inside the turn").isTrue();
        assertThat(playback.enqueue(audio(1, 3200, true, 8000), T0 + 1010 * MS)).isEqualTo(CallPlayback.Accepted.STALE);
    }

    @Test
    void aSecondClearOfTheSameTurnHasNothingToStop() {
        CallPlayback playback = new CallPlayback(8000, settings, T0);
        playback.enqueue(audio(1, 10 * 3200, false, 8000), T0);
        playback.due(T0);

        assertThat(playback.bargeIn(T0 + 50 * MS)).isTrue();
        assertThat(playback.clear(1, T0 + 70 * MS)).isFalse();
    }

    @Test
    void aNewTurnFlushesTheUnfinishedOneWithoutItsMark() {
        CallPlayback playback = new CallPlayback(8000, settings, T0);
        playback.enqueue(audio(1, 1000, false, 8000), T0);
        playback.enqueue(audio(2, 3200, true, 8000), T0);

        List<PlayItem> items = playback.due(T0);

        assertThat(frames(items)).extracting(PlayItem.Frame::turn).containsExactly(1, 2);
        assertThat(items.stream().filter(PlayItem.Mark.class::isInstance))
                .containsExactly(new PlayItem.Mark("turn-2", 2));
    }

    @Test
    void endAfterPlaybackWaitsForTheLastMarksEcho() {
        CallPlayback playback = new CallPlayback(8000, settings, T0);
        playback.enqueue(audio(3, 3200, true, 8000), T0);
        assertThat(playback.due(T0)).hasSize(2);

        playback.requestEnd(T0);
        assertThat(playback.due(T0 + 100 * MS)).isEmpty();
        playback.markEchoed("turn-3");

        assertThat(playback.due(T0 + 210 * MS)).containsExactly(new PlayItem.End());
        assertThat(playback.due(T0 + 220 * MS)).isEmpty();
        assertThat(playback.enqueue(audio(4, 3200, true, 8000), T0)).isEqualTo(CallPlayback.Accepted.STALE);
    }

    @Test
    void endAfterPlaybackGivesUpOnTheEchoAfterTheMargin() {
        CallPlayback playback = new CallPlayback(8000, settings, T0);
        playback.enqueue(audio(3, 3200, true, 8000), T0);
        playback.due(T0);

        playback.requestEnd(T0);

        assertThat(playback.due(T0 + 2199 * MS)).isEmpty();
        assertThat(playback.due(T0 + 2200 * MS)).containsExactly(new PlayItem.End());
    }

    @Test
    void endClosesAnUnfinishedTurnWithAMark() {
        CallPlayback playback = new CallPlayback(8000, settings, T0);
        playback.enqueue(audio(5, 1000, false, 8000), T0);

        playback.requestEnd(T0);
        List<PlayItem> items = playback.due(T0);

        assertThat(frames(items)).singleElement().satisfies(f -> assertThat(f.pcm())
                .hasSize(3200));
        assertThat(items).contains(new PlayItem.Mark("turn-5", 5));
        assertThat(items).doesNotContain(new PlayItem.End());
    }

    @Test
    void endAfterAGoodbyeStillOnItsWayWaitsForItsAudioAndItsEcho() {
        CallPlayback playback = new CallPlayback(8000, settings, T0);
        playback.requestEnd(T0, 4, 10_000 * MS);
        assertThat(playback.due(T0)).isEmpty();

        assertThat(playback.enqueue(audio(4, 3200, true, 8000), T0 + 300 * MS)).isEqualTo(CallPlayback.Accepted.QUEUED);
        List<PlayItem> items = playback.due(T0 + 300 * MS);
        assertThat(frames(items)).hasSize(1);
        assertThat(items).contains(new PlayItem.Mark("turn-4", 4)).doesNotContain(new PlayItem.End());
        assertThat(playback.enqueue(audio(5, 3200, true, 8000), T0 + 310 * MS)).isEqualTo(CallPlayback.Accepted.STALE);

        playback.markEchoed("turn-4");
        assertThat(playback.due(T0 + 520 * MS)).containsExactly(new PlayItem.End());
    }

    @Test
    void endAfterAGoodbyeThatNeverArrivesClosesAtTheDeadline() {
        CallPlayback playback = new CallPlayback(8000, settings, T0);
        playback.requestEnd(T0, 2, 10_000 * MS);

        assertThat(playback.due(T0 + 9_999 * MS)).isEmpty();
        assertThat(playback.due(T0 + 12_000 * MS)).containsExactly(new PlayItem.End());
    }

    @Test
    void endWithNothingPlayingIsImmediate() {
        CallPlayback playback = new CallPlayback(8000, settings, T0);
        playback.requestEnd(T0);
        assertThat(playback.due(T0)).containsExactly(new PlayItem.End());
    }

    @Test
    void audioAtAnotherRateIsResampledToTheCallsRate() {
        CallPlayback playback = new CallPlayback(8000, settings, T0);
        playback.enqueue(audio(1, 12800, true, 16000), T0);

        List<PlayItem.Frame> frames = frames(playback.due(T0));

        assertThat(frames).hasSizeBetween(2, 3).allSatisfy(f -> assertThat(f.pcm())
                .hasSize(3200));
    }
}
