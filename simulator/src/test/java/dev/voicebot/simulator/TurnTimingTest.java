package dev.voicebot.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.audio.Pcm16;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Caller speech on the wire, response latency, barge-in reaction and the recording. */
class TurnTimingTest {

    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final int RATE = 8000;

    @TempDir
    Path dir;

    @Test
    void measuresLatencyFromTheCallersEndOfSpeechToTheFirstBotAudio() throws Exception {
        try (FakeBot bot = FakeBot.accepting();
                SimulatedCall call = SimulatedCall.builder(bot.url("/ws")).connect()) {
            bot.nextEvent("start", WAIT);
            byte[] speech = concat(Pcm16.silence(RATE, 150), Pcm16.tone(RATE, 300, 400, 0.4), Pcm16.silence(RATE, 150));
            call.speak("hello", speech);

            bot.next(f -> f.event().equals("media") && !isSilent(f), WAIT);
            bot.next(f -> f.event().equals("media") && isSilent(f), WAIT);
            long silenceSeenAt = call.elapsedMillis();
            Thread.sleep(200);
            long replySentAt = call.elapsedMillis();
            bot.sendMediaChunks(Pcm16.tone(RATE, 500, 300, 0.4), 1600);
            bot.sendMark("reply");

            assertThat(call.awaitBotAudio(WAIT)).isTrue();
            assertThat(call.awaitMarkEcho("reply", WAIT)).isTrue();
            CallerTurn turn = call.turns().getFirst();
            assertThat(turn.label()).isEqualTo("hello");
            long speechEnd = turn.speechEndMillis().getAsLong();
            assertThat(speechEnd - turn.speechStartMillis()).as("400 ms tone").isBetween(390L, 410L);
            assertThat(speechEnd).as("speech ended before the bot saw silence").isLessThanOrEqualTo(silenceSeenAt);
            long firstBotAudio = turn.firstBotAudioMillis().getAsLong();
            assertThat(firstBotAudio).as("reply arrival").isBetween(replySentAt, replySentAt + 300);
            assertThat(turn.latencyMillis()).hasValue(firstBotAudio - speechEnd);
            assertThat(turn.latencyMillis().getAsLong()).isGreaterThanOrEqualTo(200);
            assertThat(call.timeline())
                    .extracting(TimelineEvent::kind)
                    .containsSubsequence(
                            TimelineEvent.Kind.CALLER_SPEECH_START,
                            TimelineEvent.Kind.CALLER_SPEECH_END,
                            TimelineEvent.Kind.BOT_AUDIO_START,
                            TimelineEvent.Kind.MARK_ECHOED);
            assertThat(call.awaitBotSilence(Duration.ofMillis(200), WAIT)).isTrue();
        }
    }

    @Test
    void measuresBargeInReactionAndWritesBothSidesToAStereoWav() throws Exception {
        try (FakeBot bot = FakeBot.accepting();
                SimulatedCall call = SimulatedCall.builder(bot.url("/ws")).connect()) {
            bot.nextEvent("start", WAIT);
            bot.sendMediaChunks(Pcm16.tone(RATE, 500, 3000, 0.4), 3200);
            Thread.sleep(300);
            call.speak("stop", Pcm16.tone(RATE, 300, 500, 0.4));
            bot.next(f -> f.event().equals("media") && !isSilent(f), WAIT);
            long speechSeenAt = call.elapsedMillis();
            bot.sendClear();

            assertThat(call.awaitCallerIdle(WAIT)).isTrue();
            Thread.sleep(200);
            CallerTurn turn = call.turns().getFirst();
            BargeIn bargeIn = call.bargeIns().getFirst();
            assertThat(turn.speechStartMillis()).isLessThanOrEqualTo(speechSeenAt);
            assertThat(bargeIn.atMillis()).isBetween(speechSeenAt, speechSeenAt + 300);
            assertThat(bargeIn.reactionMillis()).hasValue(bargeIn.atMillis() - turn.speechStartMillis());
            CallStats stats = call.stats();
            assertThat(stats.botPlayedMillis()).isGreaterThanOrEqualTo(300);
            assertThat(stats.botPlayedMillis() + bargeIn.droppedAudioMillis()).isBetween(2990L, 3000L);
            Path wav = dir.resolve("call.wav");
            call.writeWav(wav);
            AudioFileFormat format = AudioSystem.getAudioFileFormat(wav.toFile());
            assertThat(format.getFormat().getChannels()).isEqualTo(2);
            assertThat(format.getFormat().getSampleRate()).isEqualTo(8000f);
            assertThat(format.getFormat().isBigEndian()).isFalse();
            assertThat(Files.size(wav)).isGreaterThan(44 + 4L * RATE / 2);
            assertThat(call.callerAudio()).hasSameSizeAs(call.botAudio());
        }
    }

    private static boolean isSilent(FakeBot.Frame frame) {
        byte[] pcm = Base64.getDecoder()
                .decode(frame.json().path("media").path("payload").asString());
        return Pcm16.rms(pcm) == 0;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
