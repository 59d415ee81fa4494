package dev.voicebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.voicebot.gateway.support.ExotelClient;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The token check of the shared test context: missing → 401, wrong → 403, right → a socket. */
class GatewayAuthenticationTest extends GatewayIntegrationTest {

    @Test
    void missingTokenIsRefusedWith401() {
        assertThat(handshakeStatus("/ws")).isEqualTo(401);
    }

    @Test
    void wrongTokenIsRefusedWith403() {
        assertThat(handshakeStatus("/ws?token=guess")).isEqualTo(403);
        assertThat(handshakeStatus("/ws/campaign?token=" + TOKEN + "x")).isEqualTo(403);
    }

    @Test
    void rightTokenOpensASocketOnAnyPathBelowWs() {
        try (ExotelClient exotel = ExotelClient.connect(uri("/ws/some/segment?token=" + TOKEN))) {
            exotel.connected();
            assertThat(exotel.isClosed()).isFalse();
        }
    }

    private int handshakeStatus(String pathAndQuery) {
        Throwable failure = catchThrowable(() -> ExotelClient.connect(uri(pathAndQuery)));
        assertThat(failure).isInstanceOf(CompletionException.class);
        assertThat(failure.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }
}
