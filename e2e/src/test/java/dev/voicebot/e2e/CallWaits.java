package dev.voicebot.e2e;

import dev.voicebot.simulator.SimulatedCall;
import java.time.Duration;

/** How long the scripted-call tests wait, generous for a loaded machine running the embedded engines. */
final class CallWaits {

    /** For a bot reply to start after the caller stopped speaking. */
    static final Duration REPLY_START = Duration.ofSeconds(30);

    /** For a started reply to finish playing. */
    static final Duration REPLY_END = Duration.ofSeconds(45);

    /** Bot silence that ends a reply. */
    static final Duration QUIET = Duration.ofMillis(1500);

    /** For a record to show up on Kafka. */
    static final Duration KAFKA = Duration.ofSeconds(15);

    private CallWaits() {}

    /** Waits for a whole bot reply: it starts, plays and falls quiet. */
    static boolean reply(SimulatedCall call) throws InterruptedException {
        return call.awaitBotReply(REPLY_START, QUIET, REPLY_END);
    }
}
