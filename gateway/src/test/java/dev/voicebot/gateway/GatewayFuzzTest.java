package dev.voicebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.kafka.Topics;
import dev.voicebot.gateway.support.ExotelClient;
import dev.voicebot.gateway.support.KafkaProbe;
import dev.voicebot.testsupport.Fuzz;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated frames on one socket of a real gateway while a well-behaved call streams on
 * another: the good call's audio reaches Kafka whole and in order, the bad socket is only ever
 * closed with a protocol close code, and no frame makes the gateway fail internally.
 */
class GatewayFuzzTest extends GatewayIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int BAD_FRAMES = 400;
    private static final int GOOD_FRAMES = 60;
    /** Normal end (a mutated stop), policy violation (start without call_sid, bad rate), too big. */
    private static final Set<Integer> PROTOCOL_CLOSES = Set.of(1000, 1008, 1009);

    @Test
    void hostileFramesOnOneSocketLeaveTheCallNextToItUntouched() {
        Fuzz fuzz = Fuzz.seeded("GatewayFuzzTest");
        String goodCall = newCallSid();
        double internalErrorsBefore = rejected("internal_error");
        try (KafkaProbe probe = probe(Topics.AUDIO_IN);
                ExotelClient good = connect("")) {
            CompletableFuture<Void> goodStream = streamGoodCall(good, goodCall, GOOD_FRAMES);

            List<Integer> closes = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            ExotelClient bad = startedBadCall(0);
            for (int i = 0; i < BAD_FRAMES; i++) {
                if (bad.isClosed()) {
                    closes.add(bad.awaitClose(WAIT));
                    reasons.add(bad.closeReason());
                    bad.close();
                    bad = startedBadCall(i);
                }
                String frame = fuzz.mutate(fuzz.pick(validFrames(i)));
                try {
                    bad.sendText(frame);
                } catch (RuntimeException closedMeanwhile) {
                    // the gateway closed the socket as this frame went out; the next loop reopens it
                }
            }
            bad.close();

            goodStream.join();
            List<ConsumerRecord<String, byte[]>> goodAudio = probe.await(Topics.AUDIO_IN, goodCall, GOOD_FRAMES, WAIT);
            for (int i = 0; i < GOOD_FRAMES; i++) {
                assertThat(goodAudio.get(i).value())
                        .as("good frame %d, fuzz seed %d", i, fuzz.seed())
                        .containsExactly(pcm(1600, i));
            }
            assertThat(good.isClosed()).as("the good call's socket").isFalse();
            assertThat(closes).as("close codes, fuzz seed %d", fuzz.seed()).allMatch(PROTOCOL_CLOSES::contains);
            assertThat(reasons).as("close reasons, fuzz seed %d", fuzz.seed()).allMatch(r -> !r.isBlank());
            assertThat(rejected("internal_error"))
                    .as("frames the gateway failed on, fuzz seed %d", fuzz.seed())
                    .isEqualTo(internalErrorsBefore);
        }
    }

    private ExotelClient startedBadCall(int round) {
        ExotelClient bad = connect("");
        bad.connected();
        bad.start(newCallSid(), "ST-bad-" + round, Map.of(), 8000);
        return bad;
    }

    private static List<String> validFrames(int i) {
        String stream = "ST-bad";
        String payload = Base64.getEncoder().encodeToString(pcm(640, i));
        return List.of(
                "{\"event\":\"media\",\"sequence_number\":" + i + ",\"stream_sid\":\"" + stream
                        + "\",\"media\":{\"chunk\":" + i + ",\"timestamp\":\"" + i * 20 + "\",\"payload\":\"" + payload
                        + "\"}}",
                "{\"event\":\"dtmf\",\"sequence_number\":" + i + ",\"stream_sid\":\"" + stream
                        + "\",\"dtmf\":{\"digit\":\"5\",\"duration\":\"100\"}}",
                "{\"event\":\"mark\",\"sequence_number\":" + i + ",\"stream_sid\":\"" + stream
                        + "\",\"mark\":{\"name\":\"turn-1\"}}",
                "{\"event\":\"start\",\"sequence_number\":1,\"stream_sid\":\"" + stream
                        + "\",\"start\":{\"stream_sid\":\""
                        + stream + "\",\"call_sid\":\"CA-fuzz\",\"account_sid\":\"acct\",\"from\":\"+919876543210\","
                        + "\"to\":\"+918044556677\",\"custom_parameters\":{\"k\":\"v\"},\"media_format\":"
                        + "{\"encoding\":\"raw\",\"sample_rate\":\"8000\",\"bit_rate\":\"128\"}}}",
                "{\"event\":\"stop\",\"sequence_number\":" + i + ",\"stream_sid\":\"" + stream
                        + "\",\"stop\":{\"call_sid\":\"CA-fuzz\",\"reason\":\"callended\"}}",
                "{\"event\":\"connected\"}");
    }
}
