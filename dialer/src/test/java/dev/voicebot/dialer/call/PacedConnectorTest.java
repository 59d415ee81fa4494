package dev.voicebot.dialer.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.dialer.exotel.ConnectMode;
import dev.voicebot.dialer.exotel.ConnectRequest;
import dev.voicebot.dialer.exotel.ExotelAccount;
import dev.voicebot.dialer.exotel.ExotelApiException;
import dev.voicebot.dialer.exotel.ExotelConnectClient;
import dev.voicebot.dialer.exotel.NumberStyle;
import dev.voicebot.dialer.rate.RateLimiter;
import java.io.IOException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PacedConnectorTest {

    private final MockWebServer server = new MockWebServer();
    private PacedConnector connector;

    @BeforeEach
    void start() throws IOException {
        server.start();
        ExotelConnectClient client = new ExotelConnectClient(
                new OkHttpClient(),
                new ExotelAccount(server.url("/").toString(), "AC1", "k", "t", "+918047100000", NumberStyle.E164));
        connector = new PacedConnector(
                client, new RateLimiter(60_000, 1, 10), 2, Duration.ofMillis(20), Duration.ofMillis(80), null);
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private static ConnectRequest request() {
        return new ConnectRequest(
                ConnectMode.TWO_NUMBERS,
                "+919876543210",
                "+918047100000",
                "+918047100000",
                null,
                null,
                null,
                null,
                null,
                false,
                null);
    }

    @Test
    void retriesExotels429AfterABackOff() {
        server.enqueue(tooMany());
        server.enqueue(tooMany());
        server.enqueue(new MockResponse().setBody("{\"Call\":{\"Sid\":\"third-time\"}}"));

        assertThat(connector.connect(request(), Duration.ofSeconds(1)).sid()).isEqualTo("third-time");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void givesUpAfterTheConfiguredRetries() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(tooMany());
        }
        assertThatThrownBy(() -> connector.connect(request(), Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(ExotelApiException.class, e -> assertThat(e.kind())
                        .isEqualTo(ExotelApiException.Kind.RATE_LIMITED));
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void neverRetriesAServerErrorBecauseTheCallMayHaveBeenPlaced() {
        server.enqueue(new MockResponse().setResponseCode(502));
        assertThatThrownBy(() -> connector.connect(request(), Duration.ofSeconds(1)))
                .isInstanceOf(ExotelApiException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void honoursRetryAfterAndDoublesOtherwise() {
        assertThat(connector.backOff(0, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(connector.backOff(0, Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(60));
        assertThat(connector.backOff(0, null)).isBetween(Duration.ofMillis(18), Duration.ofMillis(22));
        assertThat(connector.backOff(1, null)).isBetween(Duration.ofMillis(36), Duration.ofMillis(44));
        assertThat(connector.backOff(9, null)).isBetween(Duration.ofMillis(72), Duration.ofMillis(88));
    }

    private static MockResponse tooMany() {
        return new MockResponse()
                .setResponseCode(429)
                .setBody("{\"RestException\":{\"Status\":429,\"Message\":\"Too many\"}}");
    }
}
