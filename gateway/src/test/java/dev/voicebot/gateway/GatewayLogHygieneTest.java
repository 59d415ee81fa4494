package dev.voicebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.gateway.support.ExotelClient;
import dev.voicebot.gateway.support.KafkaProbe;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What the gateway logs at info level during a whole call, a refused handshake and a bad frame:
 * phone numbers only masked, and neither the socket token nor a guessed one.
 */
@ExtendWith(OutputCaptureExtension.class)
class GatewayLogHygieneTest extends GatewayIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CALLER = "+919876543210";
    private static final String EXOPHONE = "+918044556677";

    @Test
    void aCallLeavesNoNumberOrTokenInTheLog(CapturedOutput output) {
        String callSid = newCallSid();
        catchThrowable(() -> ExotelClient.connect(uri("/ws?token=guessed-secret-42&lang=hi")));
        try (KafkaProbe probe = probe(Topics.CALL_EVENTS);
                ExotelClient exotel = connect("lang=hi&customer=" + CALLER.substring(1))) {
            exotel.connected();
            exotel.start(callSid, "ST-log", Map.of("caller", CALLER), 8000);
            exotel.media("ST-log", pcm(1600, 1), 1);
            exotel.sendText("{\"event\":\"media\",\"stream_sid\":\"ST-log\",\"media\":{\"payload\":\"%%%\"}}");
            exotel.stop("ST-log", callSid, "callended");
            probe.awaitEvent(Topics.CALL_EVENTS, callSid, CallEnded.class, WAIT);
        }

        assertThat(output.getAll())
                .as("the call was logged, masked")
                .contains("call " + callSid + ": started")
                .contains("+91******3210")
                .contains("dropped a frame");
        assertThat(output.getAll())
                .doesNotContain(CALLER.substring(3))
                .doesNotContain(EXOPHONE.substring(3))
                .doesNotContain(TOKEN)
                .doesNotContain("guessed-secret-42");
    }
}
