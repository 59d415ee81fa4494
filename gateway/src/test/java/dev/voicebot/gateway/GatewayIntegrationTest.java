package dev.voicebot.gateway;

import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.common.kafka.EventRecords;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.gateway.support.ExotelClient;
import dev.voicebot.gateway.support.KafkaProbe;
import dev.voicebot.testsupport.KafkaTestBroker;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway on a random port against a real Kafka broker, requiring the token {@value #TOKEN}.
 * Subclasses share one application context.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "voicebot.instance-id=" + GatewayIntegrationTest.INSTANCE,
            "voicebot.gateway.auth.token=" + GatewayIntegrationTest.TOKEN,
            "voicebot.kafka.partitions=2",
            "voicebot.gateway.playback.end-call-margin-ms=1000"
        })
public abstract class GatewayIntegrationTest {

    static final String INSTANCE = "gw-it";
    static final String TOKEN = "it-token";
    protected static final String ROUTE = Topics.GATEWAY_ROUTE_PREFIX + INSTANCE;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected KafkaTemplate<String, byte[]> kafka;

    @Autowired
    protected MeterRegistry meters;

    protected URI uri(String pathAndQuery) {
        return URI.create("ws://localhost:" + port + pathAndQuery);
    }

    protected ExotelClient connect(String query) {
        return ExotelClient.connect(uri("/ws?token=" + TOKEN + (query.isEmpty() ? "" : "&" + query)));
    }

    protected KafkaProbe probe(String... topics) {
        return new KafkaProbe(KafkaTestBroker.bootstrapServers(), topics);
    }

    protected static String newCallSid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }

    /** What a TTS worker does: bot audio onto the call's route topic. */
    protected void sendBotAudio(String callSid, byte[] pcm, int rate, long sequence, int turn, boolean last) {
        kafka.send(new AudioRecord(callSid, pcm, rate, sequence, turn, last, System.currentTimeMillis() * 1000, ROUTE)
                        .toProducerRecord(ROUTE))
                .join();
    }

    protected void sendCommand(VoicebotEvent command) {
        kafka.send(EventRecords.of(ROUTE, command, ROUTE)).join();
    }

    protected double rejected(String reason) {
        var counter = meters.find("voicebot.gateway.input.rejected")
                .tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /**
     * Starts a well-behaved call on {@code good} ({@code stream_sid} "ST-good") and streams {@code
     * frames} frames of {@link #pcm pcm(1600, i)} every 20 ms in the background.
     */
    protected static CompletableFuture<Void> streamGoodCall(ExotelClient good, String callSid, int frames) {
        good.connected();
        good.start(callSid, "ST-good", Map.of(), 8000);
        return CompletableFuture.runAsync(() -> {
            for (int i = 0; i < frames; i++) {
                good.media("ST-good", pcm(1600, i), i + 1);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
    }

    /** {@code bytes} of a recognisable pattern: byte i is {@code seed + i}. */
    protected static byte[] pcm(int bytes, int seed) {
        byte[] pcm = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            pcm[i] = (byte) (seed + i);
        }
        return pcm;
    }
}
