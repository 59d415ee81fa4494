package dev.voicebot.dialer.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.dialer.support.Dialers;
import dev.voicebot.dialer.support.ExotelStandIn;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without DIALER_API_KEY the dialer does not start (RateLimitTest runs one with authentication disabled). */
class AuthStartupTest {

    @Test
    void aMissingKeyStopsTheStartWithAClearMessage() throws Exception {
        try (ExotelStandIn exotel = new ExotelStandIn()) {
            Map<String, String> properties = Dialers.baseProperties(exotel);
            properties.put("dialer.api-key", "");
            assertThatThrownBy(() -> Dialers.start(properties).close())
                    .hasStackTraceContaining("DIALER_API_KEY is not set")
                    .hasStackTraceContaining("DIALER_AUTH_DISABLED=true");
        }
    }
}
