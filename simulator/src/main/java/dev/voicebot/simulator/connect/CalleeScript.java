package dev.voicebot.simulator.connect;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the answering person does once the bot's socket is open: listens to the bot's first reply (its greeting, if
 * it greets), says each line in turn (synthesized with {@link dev.voicebot.simulator.CallerVoice}), waiting for the
 * bot's reply after each, then hangs up ({@code stop}/{@code callended}) or stays on the line until the bot closes
 * the socket or the call's {@code TimeLimit} runs out.
 *
 * @param lines what the callee says, in order
 * @param hangUpAtEnd hang up after the last reply; otherwise wait for the bot to end the call
 * @param waitForBot how long to wait for the bot to start a reply before moving on
 * @param quiet bot silence that ends a reply
 * @param maxReply the longest reply waited for
 */
public record CalleeScript(
        List<String> lines, boolean hangUpAtEnd, Duration waitForBot, Duration quiet, Duration maxReply) {

    public static final Duration DEFAULT_WAIT_FOR_BOT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_QUIET = Duration.ofMillis(800);
    public static final Duration DEFAULT_MAX_REPLY = Duration.ofSeconds(30);

    public CalleeScript {
        lines = List.copyOf(lines);
        lines.forEach(line -> {
            if (line.isBlank()) {
                throw new IllegalArgumentException("a callee line must not be blank");
            }
        });
        Objects.requireNonNull(waitForBot, "waitForBot");
        Objects.requireNonNull(quiet, "quiet");
        Objects.requireNonNull(maxReply, "maxReply");
    }

    /** Says {@code lines}, then hangs up. */
    public static CalleeScript saying(String... lines) {
        return new CalleeScript(List.of(lines), true, DEFAULT_WAIT_FOR_BOT, DEFAULT_QUIET, DEFAULT_MAX_REPLY);
    }

    /** Listens to the bot's first reply, then hangs up: the default. */
    public static CalleeScript listenThenHangUp() {
        return saying();
    }

    /** The same lines, then waits for the bot to close the socket instead of hanging up. */
    public CalleeScript untilBotHangsUp() {
        return new CalleeScript(lines, false, waitForBot, quiet, maxReply);
    }

    public CalleeScript withTiming(Duration waitForBot, Duration quiet, Duration maxReply) {
        return new CalleeScript(lines, hangUpAtEnd, waitForBot, quiet, maxReply);
    }
}
