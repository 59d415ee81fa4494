package dev.voicebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.event.CallStarted;
import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.gateway.support.ExotelClient;
import dev.voicebot.gateway.support.KafkaProbe;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The socket limits with short settings: a cap of two sockets, a second to send {@code start},
 * two seconds of silence, a stream of at most five seconds, a second of queued bot audio, and one
 * second to deliver the upgrade request. That last one is shorter than the silence allowed, so the
 * idle test also shows that the upgrade-request timeout does not cut an open socket.
 */
@TestPropertySource(
        properties = {
            "voicebot.instance-id=" + GatewayLimitsTest.INSTANCE,
            "voicebot.gateway.socket.max-sockets=2",
            "voicebot.gateway.socket.start-timeout=1s",
            "voicebot.gateway.socket.idle-timeout=2s",
            "voicebot.gateway.socket.max-stream-duration=5s",
            "voicebot.gateway.socket.max-queued-playback=1s",
            "server.tomcat.connection-timeout=1s"
        })
class GatewayLimitsTest extends GatewayIntegrationTest {

    static final String INSTANCE = "gw-limits";
    private static final String LIMITS_ROUTE = Topics.GATEWAY_ROUTE_PREFIX + INSTANCE;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void socketsBeyondTheCapAreRefusedWith503UntilOneCloses() {
        awaitNoSockets();
        double refusedBefore = counter("voicebot.gateway.handshakes.refused", "reason", "capacity");
        try (ExotelClient first = connect("");
                ExotelClient second = connect("")) {
            first.start(newCallSid(), "ST-1", Map.of(), 8000);
            second.start(newCallSid(), "ST-2", Map.of(), 8000);

            Throwable refused = catchThrowable(() -> connect(""));
            assertThat(refused).isInstanceOf(CompletionException.class);
            assertThat(((WebSocketHandshakeException) refused.getCause())
                            .getResponse()
                            .statusCode())
                    .isEqualTo(503);
            assertThat(counter("voicebot.gateway.handshakes.refused", "reason", "capacity"))
                    .isEqualTo(refusedBefore + 1);

            first.close();
            await().atMost(WAIT).until(() -> sockets() < 2);
            try (ExotelClient third = connect("")) {
                third.connected();
                assertThat(third.isClosed()).isFalse();
            }
        }
    }

    @Test
    void aSocketThatNeverSendsStartIsClosed() {
        awaitNoSockets();
        double before = counter("voicebot.gateway.sockets.expired", "limit", "no_start");
        try (ExotelClient silent = connect("");
                ExotelClient connectedOnly = connect("")) {
            connectedOnly.connected();
            assertThat(silent.awaitClose(WAIT)).isEqualTo(1008);
            assertThat(connectedOnly.awaitClose(WAIT)).isEqualTo(1008);
            assertThat(connectedOnly.closeReason()).isEqualTo("no 'start' within 1000 ms of connecting");
        }
        assertThat(counter("voicebot.gateway.sockets.expired", "limit", "no_start"))
                .isEqualTo(before + 2);
    }

    @Test
    void aStartedCallThatFallsSilentIsEnded() {
        awaitNoSockets();
        String callSid = newCallSid();
        try (KafkaProbe probe = probe(Topics.CALL_EVENTS);
                ExotelClient exotel = connect("")) {
            exotel.start(callSid, "ST-idle", Map.of(), 8000);
            exotel.media("ST-idle", pcm(1600, 1), 1);
            assertThat(exotel.awaitClose(WAIT)).isEqualTo(1008);
            assertThat(exotel.closeReason()).isEqualTo("nothing received for 2000 ms");
            CallEnded ended = probe.awaitEvent(Topics.CALL_EVENTS, callSid, CallEnded.class, WAIT);
            assertThat(ended.reason()).isEqualTo(CallEnded.Reason.ERROR);
            assertThat(ended.detail()).contains("nothing received for 2000 ms");
        }
    }

    @Test
    void aStreamIsEndedAtItsMaximumDuration() throws InterruptedException {
        awaitNoSockets();
        String callSid = newCallSid();
        try (KafkaProbe probe = probe(Topics.CALL_EVENTS);
                ExotelClient exotel = connect("")) {
            exotel.start(callSid, "ST-long", Map.of(), 8000);
            long deadline = System.nanoTime() + WAIT.toNanos();
            for (int chunk = 1; !exotel.isClosed() && System.nanoTime() < deadline; chunk++) {
                exotel.media("ST-long", pcm(1600, chunk), chunk);
                Thread.sleep(100);
            }
            assertThat(exotel.awaitClose(WAIT)).isEqualTo(1000);
            assertThat(exotel.closeReason()).isEqualTo("call ended by the bot");
            CallEnded ended = probe.awaitEvent(Topics.CALL_EVENTS, callSid, CallEnded.class, WAIT);
            assertThat(ended.reason()).isEqualTo(CallEnded.Reason.BOT_ENDED);
            assertThat(ended.detail()).contains("5 s limit");
        }
    }

    @Test
    void botAudioBeyondTheQueueLimitIsDroppedAndTheTurnStillEndsWithItsMark() {
        awaitNoSockets();
        String callSid = newCallSid();
        try (KafkaProbe probe = probe(Topics.CALL_EVENTS);
                ExotelClient exotel = connect("")) {
            exotel.start(callSid, "ST-flood", Map.of(), 8000);
            probe.awaitEvent(Topics.CALL_EVENTS, callSid, CallStarted.class, WAIT);
            double before = counter("voicebot.gateway.route.dropped", "reason", "playback_full");
            int records = 10; // 5 s of audio at once, five times the limit
            for (int i = 0; i < records; i++) {
                AudioRecord half = new AudioRecord(
                        callSid,
                        pcm(8000, i),
                        8000,
                        i,
                        1,
                        i == records - 1,
                        System.currentTimeMillis() * 1000,
                        LIMITS_ROUTE);
                kafka.send(half.toProducerRecord(LIMITS_ROUTE)).join();
            }
            await().atMost(WAIT)
                    .until(() -> counter("voicebot.gateway.route.dropped", "reason", "playback_full") > before);
            ExotelClient.Received mark = exotel.next("mark", WAIT);
            assertThat(mark).as("the turn's mark").isNotNull();
            assertThat(mark.json().path("mark").path("name").asString()).isEqualTo("turn-1");
        }
    }

    @Test
    void aConnectionThatNeverCompletesItsUpgradeRequestIsDropped() throws Exception {
        try (Socket tcp = new Socket("localhost", port)) {
            tcp.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = tcp.getOutputStream();
            out.write("GET /ws HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = tcp.getInputStream();
            long started = System.nanoTime();
            while (in.read() >= 0) {
                // whatever the server answers before closing
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WAIT);
        }
    }

    private void awaitNoSockets() {
        await().atMost(WAIT).until(() -> sockets() == 0);
    }

    private double sockets() {
        var gauge = meters.find("voicebot.gateway.sockets.open").gauge();
        return gauge == null ? 0 : gauge.value();
    }

    private double counter(String name, String tag, String value) {
        var counter = meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }
}
