package dev.voicebot.dialer.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.dialer.support.Dialers;
import dev.voicebot.dialer.support.ExotelStandIn;
import dev.voicebot.dialer.support.Http;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A campaign survives a dialer restart: the first dialer places some calls and stops; a new
 * application context on the same broker reads the campaign back, takes the callbacks of calls the
 * first one placed, and dials the rest, calling no number more often than the rules say.
 */
class CampaignRestartTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> NUMBERS = List.of(
            "+919700000001", "+919700000002", "+919700000003", "+919700000004", "+919700000005", "+919700000006");

    private final ExotelStandIn exotel = new ExotelStandIn();
    private final Map<String, String> properties = Dialers.baseProperties(exotel);
    private ConfigurableApplicationContext dialer;

    @AfterEach
    void stop() throws Exception {
        if (dialer != null) {
            dialer.close();
        }
        exotel.close();
    }

    @Test
    void aCampaignCarriesOnAfterARestart() throws Exception {
        properties.put("dialer.campaigns.topic", "voicebot.dialer.campaigns.restart-" + UUID.randomUUID());
        properties.put("dialer.callback-token", "restart-test-callback-token");
        dialer = Dialers.start(properties);
        Http api = Dialers.api(dialer);
        StringBuilder csv = new StringBuilder("phone_number,name\n");
        NUMBERS.forEach(number -> csv.append(number)
                .append(",Customer ")
                .append(number.substring(10))
                .append('\n'));
        csv.append("0000,Broken\n");

        JsonNode created = JSON.readTree(api.post(
                        "/campaigns?concurrency=2&max_attempts=2&retry_delay_seconds=1"
                                + "&calling_hours=00:00-00:00&mode=voice-ai",
                        "text/csv",
                        csv.toString())
                .body());
        String id = created.get("campaign_id").asString();
        awaitCalls(2);
        callback(0, "completed");
        callback(1, "busy");
        awaitCalls(4);
        assertThat(exotel.receivedFor(NUMBERS.get(2))).hasSize(1);
        assertThat(exotel.receivedFor(NUMBERS.get(3))).hasSize(1);

        dialer.close();
        int placedBeforeRestart = exotel.received().size();
        dialer = Dialers.start(properties);
        api = Dialers.api(dialer);

        JsonNode restored =
                JSON.readTree(api.get("/campaigns/" + id + "?rows=true").body());
        assertThat(restored.get("status").asString()).isEqualTo("running");
        assertThat(restored.get("progress").get("in_call").asInt()).isEqualTo(2);
        assertThat(restored.get("progress").get("invalid").asInt()).isEqualTo(1);
        assertThat(restored.get("outcomes").get("completed").asInt()).isEqualTo(1);
        assertThat(exotel.received()).hasSize(placedBeforeRestart);

        exotel.autoCallbacks(request -> List.of("answered", "completed"), 20);
        callback(2, "completed");
        callback(3, "no-answer");

        JsonNode finished = awaitFinished(api, id);
        assertThat(finished.get("outcomes").get("completed").asInt()).isEqualTo(6);
        assertThat(finished.get("invalid_rows")).hasSize(1);
        assertThat(exotel.receivedFor(NUMBERS.get(0))).hasSize(1);
        assertThat(exotel.receivedFor(NUMBERS.get(1))).hasSize(2);
        assertThat(exotel.receivedFor(NUMBERS.get(2))).hasSize(1);
        assertThat(exotel.receivedFor(NUMBERS.get(3))).hasSize(2);
        assertThat(exotel.receivedFor(NUMBERS.get(4))).hasSize(1);
        assertThat(exotel.receivedFor(NUMBERS.get(5))).hasSize(1);
    }

    /** Posts the terminal callback Exotel would send for the first call to row {@code row}'s number. */
    private void callback(int row, String status) throws Exception {
        ExotelStandIn.Received request = exotel.receivedFor(NUMBERS.get(row)).getFirst();
        String callbackUrl = request.form().get("StatusCallback");
        String port = dialer.getEnvironment().getProperty("local.server.port");
        String current = callbackUrl.replaceFirst("localhost:\\d+", "localhost:" + port);
        exotel.postCallback(
                current,
                Map.of(
                        "CallSid",
                        exotel.sidOf(request),
                        "EventType",
                        "terminal",
                        "Status",
                        status,
                        "CustomField",
                        request.form().get("CustomField")));
    }

    private void awaitCalls(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (exotel.received().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + exotel.received().size() + " calls placed, expected " + count);
            }
            Thread.sleep(20);
        }
    }

    private static JsonNode awaitFinished(Http api, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode campaign;
        do {
            campaign = JSON.readTree(api.get("/campaigns/" + id).body());
            if (campaign.get("status").asString().equals("finished")) {
                return campaign;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not finished: " + campaign);
    }
}
