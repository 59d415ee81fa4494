package dev.voicebot.simulator.connect;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.simulator.FakeBot;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * The bot's side of a call, on a real WebSocket ({@link FakeBot}): optionally greets, answers each caller utterance
 * with 300 ms of audio and a mark, and either waits for Exotel's {@code stop} or closes the socket after the
 * greeting has played.
 */
final class TalkingBot implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    final FakeBot socket;
    final CompletableFuture<JsonNode> start = new CompletableFuture<>();
    final CompletableFuture<String> stopReason = new CompletableFuture<>();
    final AtomicInteger answers = new AtomicInteger();
    private final boolean greets;
    private final boolean hangsUpAfterGreeting;
    private final Thread thread;

    private TalkingBot(boolean greets, boolean hangsUpAfterGreeting) throws IOException {
        this.socket = FakeBot.accepting();
        this.greets = greets;
        this.hangsUpAfterGreeting = hangsUpAfterGreeting;
        this.thread = Thread.ofPlatform().daemon().name("talking-bot").start(this::talk);
    }

    /** Greets, answers each utterance, waits for {@code stop}. */
    static TalkingBot greeting() throws IOException {
        return new TalkingBot(true, false);
    }

    /** Says nothing until spoken to, as Pipecat's outbound bot. */
    static TalkingBot waitingForTheCallee() throws IOException {
        return new TalkingBot(false, false);
    }

    /** Greets, then closes the socket once the greeting's mark comes back. */
    static TalkingBot greetingThenHangingUp() throws IOException {
        return new TalkingBot(true, true);
    }

    String url(String pathAndQuery) {
        return socket.url(pathAndQuery);
    }

    JsonNode awaitStart() throws Exception {
        return start.get(10, TimeUnit.SECONDS);
    }

    private void talk() {
        try {
            socket.awaitOpen();
            start.complete(socket.nextEvent("start", WAIT).json());
            if (greets) {
                reply("greeting");
            }
            if (hangsUpAfterGreeting) {
                socket.nextEvent("mark", WAIT);
                socket.closeSocket(1000, "goodbye");
                return;
            }
            boolean speaking = false;
            while (!Thread.currentThread().isInterrupted()) {
                FakeBot.Frame frame = socket.next(Duration.ofSeconds(30));
                if (frame.event().equals("stop")) {
                    stopReason.complete(frame.json().path("stop").path("reason").asString());
                    return;
                }
                if (frame.event().equals("media")) {
                    byte[] pcm = Base64.getDecoder()
                            .decode(frame.json().path("media").path("payload").asString());
                    boolean loud = Pcm16.dbfs(pcm) > -45;
                    if (speaking && !loud) {
                        reply("answer-" + answers.incrementAndGet());
                    }
                    speaking = loud;
                }
            }
        } catch (InterruptedException | AssertionError e) {
            start.completeExceptionally(e);
            stopReason.completeExceptionally(e);
        }
    }

    private void reply(String mark) {
        socket.sendMediaChunks(Pcm16.tone(8000, 440, 300, 0.3), 3200);
        socket.sendMark(mark);
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        socket.close();
    }
}
