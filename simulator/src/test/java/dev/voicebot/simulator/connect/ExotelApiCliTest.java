package dev.voicebot.simulator.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.simulator.cli.CallCommand;
import dev.voicebot.simulator.cli.ExotelApiCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ExotelApiCliTest {

    private static final Pattern LISTENING = Pattern.compile("POST (http://127\\.0\\.0\\.1:\\d+\\S*/connect\\.json)");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void servesCallsUntilTheGivenNumberHaveEnded() throws Exception {
        try (TalkingBot bot = TalkingBot.greetingThenHangingUp()) {
            // a thread of its own: the JDK's WebSocket client delivers events on the common pool, which the
            // blocking command must not occupy
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            Thread.ofPlatform()
                    .daemon()
                    .start(() -> exit.complete(run(
                            "--port",
                            "0",
                            "--voicebot-url",
                            bot.url("/ws"),
                            "--sid",
                            "acme1",
                            "--api-key",
                            "k",
                            "--api-token",
                            "t",
                            "--answer-after-ms",
                            "50",
                            "--callee-stays",
                            "--two-number-call-sid",
                            "leg",
                            "--exit-after-calls",
                            "1",
                            "--report")));
            String connectUrl = awaitConnectUrl();

            ApiClient.Result response = new ApiClient("k", "t")
                    .post(
                            connectUrl,
                            "From",
                            "+918047112345",
                            "To",
                            "+919876543210",
                            "CallerId",
                            "+918047112345",
                            "CallType",
                            "trans");
            assertThat(response.status()).isEqualTo(200);
            String sid = response.json().path("Call").path("Sid").asString();

            assertThat(exit.get(15, TimeUnit.SECONDS)).isEqualTo(CallCommand.EXIT_OK);
            String socketSid = bot.awaitStart().path("start").path("call_sid").asString();
            assertThat(text(out))
                    .contains("call " + sid + " two-numbers to +91******3210: completed")
                    .contains("socket call_sid " + socketSid)
                    .contains("socket closed by bot")
                    .contains("Timeline");
            assertThat(text(out)).doesNotContain("9876543210");
        }
    }

    @Test
    void rejectsBadOptions() {
        assertThat(run("--outcome", "nope")).isEqualTo(CallCommand.EXIT_USAGE);
        assertThat(text(err)).contains("answer, busy, no-answer or failed");
        assertThat(run("--api-key", "k")).isEqualTo(CallCommand.EXIT_USAGE);
        assertThat(run("--fault", "slow:x")).isEqualTo(CallCommand.EXIT_USAGE);
        assertThat(run("--socket-opens", "later")).isEqualTo(CallCommand.EXIT_USAGE);
        assertThat(run("--rate-limit", "0")).isEqualTo(CallCommand.EXIT_USAGE);
    }

    private String awaitConnectUrl() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(text(out));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the stand-in did not start: " + text(err));
    }

    private int run(String... args) {
        err.reset();
        try {
            return new ExotelApiCommand(
                            new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8))
                    .run(List.of(args));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
