package dev.voicebot.dialer.support;

import dev.voicebot.dialer.DialerApplication;
import dev.voicebot.testsupport.KafkaTestBroker;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One dialer on a random port for the API, callback and campaign tests (Spring caches the
 * context, so they share it): a real Kafka broker, and the Exotel stand-in on loopback.
 */
@SpringBootTest(classes = DialerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class DialerIntegrationTest {

    public static final String API_KEY = "test-api-key-0123456789";
    public static final String EXOPHONE = "+918047100000";
    public static final int MAX_CAMPAIGN_ROWS = 1000;
    public static final int MAX_CSV_BYTES = 256 * 1024;
    protected static final ExotelStandIn EXOTEL = new ExotelStandIn();
    private static final String CAMPAIGN_TOPIC = "voicebot.dialer.campaigns.it-" + UUID.randomUUID();

    @LocalServerPort
    protected int port;

    protected Http api;

    @DynamicPropertySource
    static void dialer(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
        registry.add("voicebot.kafka.partitions", () -> "2");
        registry.add("exotel.api-base-url", EXOTEL::baseUrl);
        registry.add("exotel.sid", () -> ExotelStandIn.SID);
        registry.add("exotel.api-key", () -> ExotelStandIn.KEY);
        registry.add("exotel.api-token", () -> ExotelStandIn.TOKEN);
        registry.add("exotel.phone-number", () -> "080 4710 0000");
        registry.add("exotel.read-timeout", () -> "1s");
        registry.add("exotel.call-timeout", () -> "2s");
        registry.add("dialer.api-key", () -> API_KEY);
        registry.add("dialer.stream-url", () -> "wss://gateway.test/ws");
        registry.add("dialer.flow-app-id", () -> "424242");
        registry.add("dialer.rate.calls-per-minute", () -> "60000");
        registry.add("dialer.rate.burst", () -> "20");
        registry.add("dialer.rate.retry-base-delay", () -> "20ms");
        registry.add("dialer.campaigns.topic", () -> CAMPAIGN_TOPIC);
        registry.add("dialer.campaigns.retry-delay", () -> "1s");
        registry.add("dialer.campaigns.max-rows", () -> Integer.toString(MAX_CAMPAIGN_ROWS));
        registry.add("spring.servlet.multipart.max-file-size", () -> MAX_CSV_BYTES + "B");
        registry.add("spring.servlet.multipart.max-request-size", () -> MAX_CSV_BYTES + "B");
    }

    @BeforeEach
    void client() {
        api = new Http("http://localhost:" + port, API_KEY);
    }

    /** A number no other test uses, so per-number stand-in answers and assertions never collide. */
    protected static String uniqueNumber() {
        return "+9198"
                + String.format("%08d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 100_000_000L));
    }
}
