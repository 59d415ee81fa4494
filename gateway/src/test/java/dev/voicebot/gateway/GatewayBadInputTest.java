package dev.voicebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.event.CallStarted;
import dev.voicebot.common.kafka.HeaderNames;
import dev.voicebot.common.kafka.RecordHeaderValues;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.gateway.support.ExotelClient;
import dev.voicebot.gateway.support.KafkaProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Whatever one socket sends, it gets a clear, counted reaction, and a call running next to it loses
 * nothing.
 */
class GatewayBadInputTest extends GatewayIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int GOOD_FRAMES = 40;

    @Test
    void badFramesAreDroppedAndCountedWhileAnotherCallLosesNothing() {
        String goodCall = newCallSid();
        String badCall = newCallSid();
        try (KafkaProbe probe = probe(Topics.CALL_EVENTS, Topics.AUDIO_IN);
                ExotelClient good = connect("");
                ExotelClient bad = connect("")) {
            CompletableFuture<Void> goodStream = streamGoodCall(good, goodCall, GOOD_FRAMES);

            bad.connected();
            expectDrop("media_before_start", () -> bad.media("ST-bad", pcm(1600, 1), 1));
            expectDrop("malformed_json", () -> bad.sendText("{\"event\":\"media\",\"media\":"));
            expectDrop("binary_frame", () -> bad.sendBinary(pcm(1600, 2)));
            expectDrop("unknown_event", () -> bad.sendText("{\"event\":\"clear\",\"stream_sid\":\"ST-bad\"}"));
            bad.start(badCall, "ST-bad", Map.of(), 8000);
            probe.awaitEvent(Topics.CALL_EVENTS, badCall, CallStarted.class, WAIT);
            expectDrop(
                    "invalid_base64",
                    () -> bad.sendText(
                            "{\"event\":\"media\",\"stream_sid\":\"ST-bad\",\"media\":{\"payload\":\"%%%\"}}"));
            expectDrop("odd_length_audio", () -> bad.media("ST-bad", pcm(3, 1), 2));
            expectDrop("duplicate_start", () -> bad.start(badCall, "ST-bad", Map.of(), 8000));
            expectDrop(
                    "invalid_dtmf_digit",
                    () -> bad.sendText("{\"event\":\"dtmf\",\"stream_sid\":\"ST-bad\",\"dtmf\":{\"digit\":\"A\"}}"));

            // still a working call after all that
            byte[] valid = pcm(1600, 77);
            bad.media("ST-bad", valid, 3);
            ConsumerRecord<String, byte[]> accepted =
                    probe.await(Topics.AUDIO_IN, badCall, 1, WAIT).getFirst();
            assertThat(accepted.value()).containsExactly(valid);
            assertThat(RecordHeaderValues.text(accepted.headers(), HeaderNames.SEQUENCE))
                    .isEqualTo("0");
            assertThat(bad.isClosed()).isFalse();

            bad.stop("ST-bad", badCall, "callended");
            bad.media("ST-bad", pcm(1600, 5), 4);
            assertThat(probe.awaitEvent(Topics.CALL_EVENTS, badCall, CallEnded.class, WAIT)
                            .reason())
                    .isEqualTo(CallEnded.Reason.CALLER_HUNG_UP);

            goodStream.join();
            List<ConsumerRecord<String, byte[]>> goodAudio = probe.await(Topics.AUDIO_IN, goodCall, GOOD_FRAMES, WAIT);
            for (int i = 0; i < GOOD_FRAMES; i++) {
                assertThat(goodAudio.get(i).value()).containsExactly(pcm(1600, i));
            }
            assertThat(probe.collect(
                            r -> r.topic().equals(Topics.AUDIO_IN) && badCall.equals(r.key()), Duration.ofMillis(300)))
                    .as("nothing published after stop")
                    .hasSize(1);
            assertThat(good.isClosed()).isFalse();
        }
    }

    @Test
    void oversizedFrameClosesOnlyItsSocketWith1009() {
        String callSid = newCallSid();
        try (KafkaProbe probe = probe(Topics.CALL_EVENTS);
                ExotelClient bad = connect("");
                ExotelClient good = connect("")) {
            bad.start(callSid, "ST-big", Map.of(), 8000);
            probe.awaitEvent(Topics.CALL_EVENTS, callSid, CallStarted.class, WAIT);
            good.start(newCallSid(), "ST-fine", Map.of(), 8000);
            double before = rejected("message_too_big");

            bad.media("ST-big", new byte[300 * 1024], 1);

            assertThat(bad.awaitClose(WAIT)).isEqualTo(1009);
            CallEnded ended = probe.awaitEvent(Topics.CALL_EVENTS, callSid, CallEnded.class, WAIT);
            assertThat(ended.reason()).isEqualTo(CallEnded.Reason.ERROR);
            assertThat(ended.detail()).contains("262144");
            await().atMost(WAIT).until(() -> rejected("message_too_big") > before);
            good.media("ST-fine", pcm(1600, 1), 1);
            assertThat(good.isClosed()).isFalse();
        }
    }

    @Test
    void aLargeValidFrameArrivingInPartsIsJoined() {
        String callSid = newCallSid();
        try (KafkaProbe probe = probe(Topics.CALL_EVENTS, Topics.AUDIO_IN);
                ExotelClient exotel = connect("")) {
            exotel.start(callSid, "ST-large", Map.of(), 24000);
            byte[] twoSeconds = pcm(96_000, 3); // 128 KB of base64, many container read buffers
            exotel.media("ST-large", twoSeconds, 1);
            assertThat(probe.await(Topics.AUDIO_IN, callSid, 1, WAIT).getFirst().value())
                    .containsExactly(twoSeconds);
            assertThat(exotel.isClosed()).isFalse();
        }
    }

    @Test
    void startWithoutCallSidIsAPolicyViolation() {
        try (ExotelClient exotel = connect("")) {
            double before = rejected("start_without_call_sid");
            exotel.sendText("{\"event\":\"start\",\"stream_sid\":\"ST-x\",\"start\":{\"stream_sid\":\"ST-x\"}}");
            assertThat(exotel.awaitClose(WAIT)).isEqualTo(1008);
            assertThat(rejected("start_without_call_sid")).isEqualTo(before + 1);
        }
    }

    @Test
    void anUnreadableRouteRecordIsDeadLetteredAndTheNextOnePlays() {
        String callSid = newCallSid();
        try (KafkaProbe probe = probe(Topics.CALL_EVENTS, Topics.DEAD_LETTERS);
                ExotelClient exotel = connect("")) {
            exotel.start(callSid, "ST-route", Map.of(), 8000);
            probe.awaitEvent(Topics.CALL_EVENTS, callSid, CallStarted.class, WAIT);
            kafka.send(new ProducerRecord<>(ROUTE, callSid, "{\"type\":\"no-such-command\"".getBytes()))
                    .join();
            ConsumerRecord<String, byte[]> dead =
                    probe.await(Topics.DEAD_LETTERS, callSid, 1, WAIT).getFirst();
            assertThat(new String(dead.headers()
                            .lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC)
                            .value()))
                    .isEqualTo(ROUTE);

            sendBotAudio(callSid, pcm(3200, 1), 8000, 0, 1, true);
            assertThat(exotel.next("media", WAIT))
                    .as("bot audio after the bad record")
                    .isNotNull();
        }
    }

    private void expectDrop(String reason, Runnable send) {
        double before = rejected(reason);
        send.run();
        await().atMost(WAIT).until(() -> rejected(reason) >= before + 1);
    }
}
