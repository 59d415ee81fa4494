package dev.voicebot.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.voicebot.common.audio.Pcm16;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the simulator plays the bot's audio: real-time playout, mark echoes, clear, underruns, bad frames. */
class BotAudioPlayoutTest {

    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final int RATE = 8000;
    private static final int FRAME_100_MS = 1600;

    @Test
    void echoesAMarkOnlyAfterTheAudioBeforeItHasPlayed() throws Exception {
        try (FakeBot bot = FakeBot.accepting();
                SimulatedCall call = SimulatedCall.builder(bot.url("/ws")).connect()) {
            bot.nextEvent("start", WAIT);
            long sentAt = System.nanoTime();
            bot.sendMediaChunks(tone(800), FRAME_100_MS);
            bot.sendMark("reply-1");

            FakeBot.Frame echo = bot.nextEvent("mark", WAIT);

            double waitedMillis = (echo.atNanos() - sentAt) / 1e6;
            assertThat(echo.json().path("mark").path("name").asString()).isEqualTo("reply-1");
            assertThat(echo.json().path("sequence_number").isNumber()).isTrue();
            assertThat(waitedMillis).as("800 ms of audio had to play first").isBetween(770.0, 1600.0);
            CallStats stats = call.stats();
            assertThat(stats.botMediaFrames()).isEqualTo(8);
            assertThat(stats.botPlayedMillis()).isEqualTo(800);
            assertThat(stats.marksEchoed()).isEqualTo(1);
            assertThat(stats.hasProtocolErrors()).isFalse();
            assertThat(call.timeline())
                    .anySatisfy(e -> assertThat(e.kind()).isEqualTo(TimelineEvent.Kind.BOT_TURN_END));
        }
    }

    @Test
    void echoesAMarkAtOnceWhenNoAudioIsQueued() throws Exception {
        try (FakeBot bot = FakeBot.accepting();
                SimulatedCall call = SimulatedCall.builder(bot.url("/ws")).connect()) {
            bot.nextEvent("start", WAIT);
            long sentAt = System.nanoTime();
            bot.sendMark("empty");
            FakeBot.Frame echo = bot.nextEvent("mark", WAIT);
            assertThat((echo.atNanos() - sentAt) / 1e6).isLessThan(400.0);
            assertThat(call.awaitMarkEcho("empty", WAIT)).isTrue();
        }
    }

    @Test
    void clearDropsUnplayedAudioAndItsMarks() throws Exception {
        try (FakeBot bot = FakeBot.accepting();
                SimulatedCall call = SimulatedCall.builder(bot.url("/ws")).connect()) {
            bot.nextEvent("start", WAIT);
            bot.sendMediaChunks(tone(2000), FRAME_100_MS);
            bot.sendMark("long-reply");
            Thread.sleep(300);
            bot.sendClear();
            bot.sendMark("after-clear");

            assertThat(bot.nextEvent("mark", WAIT)
                            .json()
                            .path("mark")
                            .path("name")
                            .asString())
                    .isEqualTo("after-clear");
            assertThat(call.awaitMarkEcho("long-reply", Duration.ofMillis(300))).isFalse();

            CallStats stats = call.stats();
            assertThat(stats.clears()).isEqualTo(1);
            assertThat(stats.marksDroppedByClear()).isEqualTo(1);
            assertThat(stats.botPlayedMillis()).as("played before the clear").isBetween(250L, 1500L);
            assertThat(stats.botPlayedMillis() + stats.botClearedMillis()).isBetween(1990L, 2000L);
            double recordedMillis = Pcm16.millisOf(countNonZero(call.botAudio()) * 2, RATE);
            assertThat(recordedMillis)
                    .as("bot audio in the recording")
                    .isCloseTo(stats.botPlayedMillis(), offset(15.0));
            assertThat(call.bargeIns()).hasSize(1);
        }
    }

    @Test
    void canEchoMarksPendingAtAClear() throws Exception {
        try (FakeBot bot = FakeBot.accepting();
                SimulatedCall call = SimulatedCall.builder(bot.url("/ws"))
                        .echoMarksOnClear(true)
                        .connect()) {
            bot.nextEvent("start", WAIT);
            bot.sendMediaChunks(tone(2000), FRAME_100_MS);
            bot.sendMark("long-reply");
            Thread.sleep(200);
            long clearedAt = System.nanoTime();
            bot.sendClear();
            FakeBot.Frame echo = bot.nextEvent("mark", WAIT);
            assertThat(echo.json().path("mark").path("name").asString()).isEqualTo("long-reply");
            assertThat((echo.atNanos() - clearedAt) / 1e6)
                    .as("not after the 1.8 s left")
                    .isLessThan(600.0);
            assertThat(call.stats().marksDroppedByClear()).isZero();
        }
    }

    @Test
    void countsAnUnderrunWhenBotAudioRunsOutMidTurn() throws Exception {
        try (FakeBot bot = FakeBot.accepting();
                SimulatedCall call = SimulatedCall.builder(bot.url("/ws")).connect()) {
            bot.nextEvent("start", WAIT);
            bot.sendMediaChunks(tone(200), FRAME_100_MS);
            Thread.sleep(500);
            bot.sendMediaChunks(tone(200), FRAME_100_MS);
            bot.sendMark("end");
            assertThat(call.awaitMarkEcho("end", WAIT)).isTrue();

            CallStats stats = call.stats();
            assertThat(stats.underruns()).isEqualTo(1);
            assertThat(stats.underrunMillis()).isBetween(200L, 1000L);
        }
    }

    @Test
    void countsMalformedFramesAndBadChunkSizes() throws Exception {
        try (FakeBot bot = FakeBot.accepting();
                SimulatedCall call = SimulatedCall.builder(bot.url("/ws")).connect()) {
            bot.nextEvent("start", WAIT);
            bot.sendText("not json");
            bot.sendText("{\"event\":\"playAudio\"}");
            bot.sendText("{\"event\":\"media\",\"media\":{\"payload\":\"%%%\"}}");
            bot.sendBinary(new byte[320]);
            bot.sendMedia(new byte[1000]);
            bot.sendMedia(new byte[640]);
            bot.sendMark("sync");
            assertThat(call.awaitMarkEcho("sync", WAIT)).isTrue();

            CallStats stats = call.stats();
            assertThat(stats.malformedMessages()).isEqualTo(4);
            assertThat(stats.chunkSizeViolations()).isEqualTo(1);
            assertThat(stats.botMediaFrames()).isEqualTo(2);
            assertThat(stats.hasProtocolErrors()).isTrue();
            assertThat(stats.problems())
                    .anySatisfy(p -> assertThat(p).contains("1000 bytes is not a multiple of 320"))
                    .anySatisfy(p -> assertThat(p).contains("unknown event"));
            assertThat(call.isOpen()).as("bad frames do not end the call").isTrue();
        }
    }

    private static byte[] tone(int millis) {
        return Pcm16.tone(RATE, 440, millis, 0.5);
    }

    private static int countNonZero(byte[] pcm) {
        short[] samples = Pcm16.toSamples(pcm);
        int count = 0;
        for (short s : samples) {
            if (s != 0) {
                count++;
            }
        }
        return count;
    }
}
