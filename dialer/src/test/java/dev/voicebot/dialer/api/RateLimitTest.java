package dev.voicebot.dialer.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.dialer.support.Dialers;
import dev.voicebot.dialer.support.ExotelStandIn;
import dev.voicebot.dialer.support.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The account's Connect rate at 120 a minute (one request every 500 ms), one request allowed to
 * wait, for at most 700 ms: of three simultaneous requests one goes at once, one waits its turn and
 * one is refused with 429 and Retry-After, and Exotel never sees two within 500 ms. This dialer
 * runs with authentication explicitly disabled, so its requests carry no key.
 */
class RateLimitTest {

    private static ExotelStandIn exotel;
    private static ConfigurableApplicationContext dialer;
    private static Http api;

    @BeforeAll
    static void start() {
        exotel = new ExotelStandIn();
        Map<String, String> properties = Dialers.baseProperties(exotel);
        properties.put("dialer.rate.calls-per-minute", "120");
        properties.put("dialer.rate.burst", "1");
        properties.put("dialer.rate.queue-limit", "1");
        properties.put("dialer.rate.max-queue-wait", "700ms");
        properties.put("dialer.campaigns.enabled", "false");
        properties.put("dialer.api-key", "");
        properties.put("dialer.auth-disabled", "true");
        dialer = Dialers.start(properties);
        api = new Http(Dialers.api(dialer).baseUrl(), null);
    }

    @AfterAll
    static void stop() throws Exception {
        dialer.close();
        exotel.close();
    }

    @Test
    void withAuthenticationDisabledNoKeyIsNeeded() {
        assertThat(api.postJson("/start", "{\"dialout_settings\":{\"phone_number\":\"+919800000009\"}}")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void requestsBeyondTheRateWaitInABoundedQueueOrGet429() throws Exception {
        api.postJson("/calls", "{\"phone_number\":\"+919800000001\"}");
        Thread.sleep(600);
        int before = exotel.received().size();

        List<HttpResponse<String>> responses = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 2; i <= 4; i++) {
                String body = "{\"phone_number\":\"+91980000000" + i + "\"}";
                futures.add(clients.submit(() -> api.postJson("/calls", body)));
            }
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get());
            }
        }

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 201, 429);
        HttpResponse<String> refused = responses.stream()
                .filter(r -> r.statusCode() == 429)
                .findFirst()
                .orElseThrow();
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.body()).contains("\"error\":\"rate_limited\"");

        List<ExotelStandIn.Received> sent =
                exotel.received().subList(before, exotel.received().size());
        assertThat(sent).hasSize(2);
        long gap = sent.get(1).receivedAtNanos() - sent.get(0).receivedAtNanos();
        assertThat(Duration.ofNanos(gap)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
    }
}
