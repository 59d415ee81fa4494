package dev.voicebot.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.simulator.cli.CallCommand;
import dev.voicebot.simulator.cli.LoadCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Test
    void printsUsage() throws Exception {
        assertThat(run("--help")).isEqualTo(CallCommand.EXIT_OK);
        assertThat(text(out)).contains("--url", "--say", "--hangup-after-ms", "Exit codes");
        assertThat(run()).isEqualTo(CallCommand.EXIT_USAGE);
    }

    @Test
    void rejectsBadOptions() throws Exception {
        assertThat(run("call", "--say", "hi")).isEqualTo(CallCommand.EXIT_USAGE);
        assertThat(text(err)).contains("--url is required");
        assertThat(run("call", "--url", "ws://127.0.0.1:1/ws", "--dtmf", "12x")).isEqualTo(CallCommand.EXIT_USAGE);
        assertThat(run("call", "--url", "ws://127.0.0.1:1/ws", "--sample-rate", "44100"))
                .isEqualTo(CallCommand.EXIT_USAGE);
    }

    @Test
    void loadNeedsAUrlAndCountsRefusedCallsAsFailed() throws Exception {
        assertThat(run("load", "--calls", "2")).isEqualTo(CallCommand.EXIT_USAGE);
        assertThat(text(err)).contains("--url is required");
        try (FakeBot bot = FakeBot.refusing(401)) {
            assertThat(run("load", "--url", bot.url("/ws"), "--calls", "1", "--seconds", "1"))
                    .isEqualTo(LoadCommand.EXIT_CALLS_FAILED);
            assertThat(text(out)).contains("1 placed, 1 failed, 0 stuck", "refused: ", "HTTP N");
        }
    }

    @Test
    void exitsWithTwoWhenTheServerRefusesTheSocket() throws Exception {
        try (FakeBot bot = FakeBot.refusing(401)) {
            assertThat(run("call", "--url", bot.url("/ws"))).isEqualTo(CallCommand.EXIT_REFUSED);
            assertThat(text(err)).contains("HTTP 401");
        }
    }

    @Test
    void playsAScriptedCallAndReportsTheTurns() throws Exception {
        try (FakeBot bot = FakeBot.accepting()) {
            Thread botThread = Thread.ofPlatform().daemon().start(() -> answerEachUtterance(bot));
            Path wav = dir.resolve("call.wav");
            int exit = run(
                    "call",
                    "--url",
                    bot.url("/ws"),
                    "--param",
                    "lang=en",
                    "--say",
                    "yes please",
                    "--dtmf",
                    "1",
                    "--wait-bot-ms",
                    "3000",
                    "--quiet-ms",
                    "300",
                    "--out",
                    wav.toString());
            botThread.interrupt();

            String report = text(out);
            assertThat(exit).as(report + text(err)).isEqualTo(CallCommand.EXIT_OK);
            assertThat(report)
                    .contains("Timeline", "bot audio start", "\"yes please\"", "Summary")
                    .contains("dtmf sent                1")
                    .contains("by simulator, code 1000")
                    .containsPattern("1 +\"yes please\" .* \\d+ ms");
            assertThat(Files.size(wav)).isGreaterThan(44);
        }
    }

    @Test
    void hangsUpAfterTheGivenTime() throws Exception {
        try (FakeBot bot = FakeBot.accepting()) {
            long started = System.nanoTime();
            int exit = run("call", "--url", bot.url("/ws"), "--hangup-after-ms", "600", "--end", "stopped");
            double tookMillis = (System.nanoTime() - started) / 1e6;
            assertThat(exit).isEqualTo(CallCommand.EXIT_OK);
            assertThat(tookMillis).isLessThan(3000.0);
            assertThat(bot.nextEvent("stop", Duration.ofSeconds(1))
                            .json()
                            .path("stop")
                            .path("reason")
                            .asString())
                    .isEqualTo("stopped");
            assertThat(text(out)).contains("stop sent", "by simulator, code 1000");
        }
    }

    @Test
    void exitsWithOneWhenTheBotSendsBadChunkSizes() throws Exception {
        try (FakeBot bot = FakeBot.accepting()) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    bot.awaitOpen();
                    bot.nextEvent("start", Duration.ofSeconds(3));
                    bot.sendMedia(new byte[1000]);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            int exit = run("call", "--url", bot.url("/ws"), "--wait-bot-ms", "1000", "--quiet-ms", "200");
            assertThat(exit).isEqualTo(CallCommand.EXIT_PROTOCOL_ERRORS);
            assertThat(text(out)).contains("not a multiple of 320");
        }
    }

    /** A minimal bot: greets, then answers each caller utterance or key press with 300 ms of audio and a mark. */
    private static void answerEachUtterance(FakeBot bot) {
        try {
            bot.awaitOpen();
            bot.nextEvent("start", Duration.ofSeconds(3));
            reply(bot, "greeting");
            boolean speaking = false;
            while (!Thread.currentThread().isInterrupted()) {
                FakeBot.Frame frame = bot.next(Duration.ofSeconds(10));
                if (frame.event().equals("dtmf")) {
                    reply(bot, "dtmf");
                } else if (frame.event().equals("media")) {
                    byte[] pcm = Base64.getDecoder()
                            .decode(frame.json().path("media").path("payload").asString());
                    boolean loud = Pcm16.dbfs(pcm) > -45;
                    if (speaking && !loud) {
                        reply(bot, "answer");
                    }
                    speaking = loud;
                } else if (frame.event().equals("stop")) {
                    return;
                }
            }
        } catch (InterruptedException | AssertionError e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(FakeBot bot, String mark) {
        bot.sendMediaChunks(Pcm16.tone(8000, 440, 300, 0.3), 3200);
        bot.sendMark(mark);
    }

    private int run(String... args) throws InterruptedException {
        out.reset();
        err.reset();
        return Simulator.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
