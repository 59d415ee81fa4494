package dev.voicebot.dialer.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.dialer.support.DialerIntegrationTest;
import dev.voicebot.dialer.support.Http;
import dev.voicebot.testsupport.Fuzz;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mutated bodies against the running dialer: every answer is a success or a 4xx JSON error naming
 * the problem, never a 5xx; a refused request sends nothing to Exotel and creates no campaign.
 */
class DialerFuzzTest extends DialerIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CASES = 120;
    private static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/json; charset=utf-8",
            "application/x-www-form-urlencoded",
            "text/plain",
            "multipart/form-data",
            "multipart/form-data; boundary=x",
            "application/xml",
            "*/*");

    private final Fuzz fuzz = Fuzz.seeded("DialerFuzzTest");

    @Test
    void startAndCalls() {
        for (int i = 0; i < CASES; i++) {
            String number = uniqueNumber();
            String start = fuzz.mutate("{\"dialout_settings\":{\"phone_number\":\"" + number + "\"}}");
            checkCallRequest("/start", start);
            String call = fuzz.mutate("{\"phone_number\":\"" + uniqueNumber() + "\",\"mode\":\"voice-ai\","
                    + "\"variables\":{\"name\":\"Asha\"},\"time_limit_seconds\":600,\"record\":true}");
            checkCallRequest("/calls", call);
        }
        String number = uniqueNumber();
        HttpResponse<String> afterwards =
                api.postJson("/start", "{\"dialout_settings\":{\"phone_number\":\"" + number + "\"}}");
        assertThat(afterwards.statusCode()).as("a good call after the fuzz").isEqualTo(200);
        assertThat(EXOTEL.receivedFor(number)).hasSize(1);
    }

    @Test
    void campaignCsvBodies() {
        for (int i = 0; i < CASES; i++) {
            String csv =
                    fuzz.mutate("phone_number,name\n" + uniqueNumber() + ",Asha\n" + uniqueNumber() + ",\"Rao, K\"\n");
            int campaignsBefore = campaigns();
            HttpResponse<String> response = api.post("/campaigns?calling_hours=00:00-00:01", "text/csv", csv);
            assertClear(response, csv);
            if (response.statusCode() == 201) {
                String id = json(response).path("campaign_id").asString();
                api.post("/campaigns/" + id + "/cancel", null, "");
            } else {
                assertThat(campaigns()).as(fuzz.describe(csv)).isEqualTo(campaignsBefore);
            }
        }
    }

    @Test
    void statusCallbackBodies() {
        HttpResponse<String> placed =
                api.postJson("/start", "{\"dialout_settings\":{\"phone_number\":\"" + uniqueNumber() + "\"}}");
        assertThat(placed.statusCode()).isEqualTo(200);
        String sid = json(placed).path("call_sid").asString();
        String url = EXOTEL.received().getLast().form().get("StatusCallback");
        String path = url.substring(url.indexOf("/exotel/"));
        Http exotel = new Http(api.baseUrl(), null);
        List<String> valid = List.of(
                "{\"CallSid\":\"" + sid + "\",\"Status\":\"completed\",\"EventType\":\"terminal\","
                        + "\"Legs\":[{\"OnCallDuration\":\"12\",\"Status\":\"completed\"}]}",
                "CallSid=" + sid + "&Status=busy&EventType=terminal&Legs%5B0%5D%5BStatus%5D=busy");
        for (int i = 0; i < CASES * 2; i++) {
            String body = fuzz.mutate(fuzz.pick(valid));
            HttpResponse<String> response = exotel.post(path, fuzz.pick(CONTENT_TYPES), body);
            assertThat(response.statusCode()).as(fuzz.describe(body)).isIn(200, 400, 413, 415);
            assertThat(json(response).isObject()).as(fuzz.describe(body)).isTrue();
        }
    }

    private void checkCallRequest(String path, String body) {
        int sentBefore = EXOTEL.received().size();
        HttpResponse<String> response = api.post(path, fuzz.pick(CONTENT_TYPES), body);
        assertClear(response, body);
        if (response.statusCode() >= 400) {
            assertThat(EXOTEL.received()).as(fuzz.describe(body)).hasSize(sentBefore);
        }
    }

    /** A success, or a 4xx whose JSON body names the problem. */
    private void assertClear(HttpResponse<String> response, String input) {
        assertThat(response.statusCode()).as(fuzz.describe(input)).isLessThan(500);
        if (response.statusCode() >= 400) {
            JsonNode problem = json(response);
            assertThat(problem.path("error").asString())
                    .as(fuzz.describe(input))
                    .isNotBlank();
            assertThat(problem.path("detail").asString())
                    .as(fuzz.describe(input))
                    .isNotBlank();
        }
    }

    private int campaigns() {
        return json(api.get("/campaigns")).size();
    }

    private JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (RuntimeException e) {
            throw new AssertionError(
                    "not JSON (" + response.statusCode() + "): " + response.body() + "; fuzz seed " + fuzz.seed(), e);
        }
    }
}
