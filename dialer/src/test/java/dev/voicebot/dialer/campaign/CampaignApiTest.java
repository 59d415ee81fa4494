package dev.voicebot.dialer.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.event.OutboundCallPlaced;
import dev.voicebot.dialer.support.CallEvents;
import dev.voicebot.dialer.support.DialerIntegrationTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Campaigns through the API: CSV in, calls paced and retried by status callbacks, progress out. */
class CampaignApiTest extends DialerIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final OkHttpClient http =
            new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build();

    @AfterEach
    void noMoreCallbacks() {
        EXOTEL.autoCallbacks(null, 0);
    }

    @Test
    void dialsTheGoodRowsRetriesBusyAndNoAnswerAndReportsTheBadOnes() throws Exception {
        String answers = uniqueNumber();
        String busyOnce = uniqueNumber();
        String neverAnswers = uniqueNumber();
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        EXOTEL.autoCallbacks(
                request -> {
                    int attempt = calls.computeIfAbsent(request.customer(), n -> new AtomicInteger())
                            .incrementAndGet();
                    if (request.customer().equals(busyOnce)) {
                        return attempt == 1 ? List.of("busy") : List.of("answered", "completed");
                    }
                    if (request.customer().equals(neverAnswers)) {
                        return List.of("no-answer");
                    }
                    return List.of("answered", "completed");
                },
                30);
        String csv = "phone_number,name,amount_due\n"
                + answers + ",Asha,1200\n"
                + "not-a-number,Bad,1\n"
                + busyOnce + ",\"Rao, V\",300\n"
                + neverAnswers + ",Meera\n"
                + neverAnswers + ",Meera,5\n";

        try (CallEvents events = new CallEvents()) {
            Answer created = multipart(
                    csv,
                    Map.of(
                            "name",
                            "dues",
                            "concurrency",
                            "2",
                            "max_attempts",
                            "2",
                            "retry_delay_seconds",
                            "1",
                            "calling_hours",
                            "00:00-00:00",
                            "mode",
                            "voice-ai"));

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode campaign = JSON.readTree(created.body());
            String id = campaign.get("campaign_id").asString();
            assertThat(created.location()).isEqualTo("/campaigns/" + id);
            assertThat(campaign.get("name").asString()).isEqualTo("dues");
            assertThat(campaign.get("progress").get("total").asInt()).isEqualTo(5);
            assertThat(campaign.get("progress").get("invalid").asInt()).isEqualTo(2);
            assertThat(campaign.get("invalid_rows").get(0).get("line").asInt()).isEqualTo(3);
            assertThat(campaign.get("invalid_rows").get(0).get("error").asString())
                    .contains("not a phone number");
            assertThat(campaign.get("invalid_rows").get(1).get("line").asInt()).isEqualTo(5);
            assertThat(campaign.get("invalid_rows").get(1).get("error").asString())
                    .contains("has 2 fields");

            JsonNode done = awaitStatus(id, "finished", Duration.ofSeconds(30));
            assertThat(done.get("outcomes").get("completed").asInt()).isEqualTo(2);
            assertThat(done.get("outcomes").get("no-answer").asInt()).isEqualTo(1);
            assertThat(done.get("progress").get("attempts").asInt()).isEqualTo(5);
            assertThat(EXOTEL.receivedFor(answers)).hasSize(1);
            assertThat(EXOTEL.receivedFor(busyOnce)).hasSize(2);
            assertThat(EXOTEL.receivedFor(neverAnswers)).hasSize(2);
            assertThat(EXOTEL.receivedFor(answers).getFirst().form()).containsKey("StreamUrl");

            OutboundCallPlaced placed = (OutboundCallPlaced) events.await(
                            e -> e.event() instanceof OutboundCallPlaced p
                                    && p.phoneNumber().equals(busyOnce),
                            Duration.ofSeconds(10))
                    .event();
            assertThat(placed.campaignId()).isEqualTo(id);
            assertThat(placed.variables()).isEqualTo(Map.of("name", "Rao, V", "amount_due", "300"));

            JsonNode rows = JSON.readTree(
                            api.get("/campaigns/" + id + "?rows=true").body())
                    .get("rows");
            assertThat(rows).hasSize(5);
            assertThat(rows.get(2).get("attempts").asInt()).isEqualTo(2);
            assertThat(rows.get(2).get("outcome").asString()).isEqualTo("completed");
        }
    }

    @Test
    void waitsOutsideCallingHoursAndCanBeCancelled() {
        String number = uniqueNumber();
        LocalTime now = LocalTime.now(ZoneId.of("Asia/Kolkata"));
        LocalTime opens = now.plusHours(2).withMinute(0).withSecond(0).withNano(0);
        String closed = opens + "-" + opens.plusHours(1);

        HttpResponse<String> created = api.post(
                "/campaigns?calling_hours=" + closed + "&time_zone=Asia/Kolkata",
                "text/csv",
                "phone\n" + number + "\n");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode campaign = JSON.readTree(created.body());
        String id = campaign.get("campaign_id").asString();
        assertThat(campaign.get("calling_hours_open").asBoolean()).isFalse();
        assertThat(campaign.get("next_window_opens_at").asString()).isNotBlank();
        assertThat(campaign.get("settings").get("calling_hours").asString()).isEqualTo(closed);
        pause(Duration.ofMillis(1500));
        assertThat(EXOTEL.receivedFor(number)).isEmpty();

        JsonNode cancelled =
                JSON.readTree(api.post("/campaigns/" + id + "/cancel", null, "").body());
        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.get("outcomes").get("cancelled").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(api.get("/campaigns").body()).findValuesAsString("campaign_id"))
                .contains(id);
    }

    @Test
    void pausingStopsNewCallsAndResumingContinues() {
        String first = uniqueNumber();
        String second = uniqueNumber();
        HttpResponse<String> created = api.post(
                "/campaigns?concurrency=1&calling_hours=00:00-00:00",
                "text/csv",
                "phone_number\n" + first + "\n" + second + "\n");
        String id = JSON.readTree(created.body()).get("campaign_id").asString();
        awaitRequests(first, 1);

        assertThat(JSON.readTree(api.post("/campaigns/" + id + "/pause", null, "")
                                .body())
                        .get("status")
                        .asString())
                .isEqualTo("paused");
        EXOTEL.autoCallbacks(r -> List.of("completed"), 10);
        callbackFor(id, first);
        pause(Duration.ofMillis(700));
        assertThat(EXOTEL.receivedFor(second)).isEmpty();

        assertThat(JSON.readTree(api.post("/campaigns/" + id + "/resume", null, "")
                                .body())
                        .get("status")
                        .asString())
                .isEqualTo("running");
        awaitRequests(second, 1);
        assertThat(awaitStatus(id, "finished", Duration.ofSeconds(15))
                        .get("outcomes")
                        .get("completed")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void aCsvWithoutAnyDialableRowIs400WithEveryRowsError() {
        HttpResponse<String> response = api.post("/campaigns", "text/csv", "phone_number,name\n12345,A\nabc,B\n");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("error").asString()).isEqualTo("no_dialable_rows");
        assertThat(problem.get("invalid_rows")).hasSize(2);
    }

    @Test
    void anUnusableCsvOrSettingIs400() {
        assertThat(api.post("/campaigns", "text/csv", "name\nAsha\n").statusCode())
                .isEqualTo(400);
        assertThat(api.post("/campaigns?calling_hours=9-5", "text/csv", "phone\n9876543210\n")
                        .statusCode())
                .isEqualTo(400);
        assertThat(api.post("/campaigns?mode=fax", "text/csv", "phone\n9876543210\n")
                        .statusCode())
                .isEqualTo(400);
        assertThat(api.post("/campaigns?concurrency=0", "text/csv", "phone\n9876543210\n")
                        .statusCode())
                .isEqualTo(400);
        assertThat(api.post("/campaigns?concurrency=many", "text/csv", "phone\n9876543210\n")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void anUnknownCampaignIs404() {
        assertThat(api.get("/campaigns/cmp_nope").statusCode()).isEqualTo(404);
        assertThat(api.post("/campaigns/cmp_nope/pause", null, "").statusCode()).isEqualTo(404);
    }

    private void callbackFor(String campaignId, String number) {
        String url = EXOTEL.receivedFor(number).getFirst().form().get("StatusCallback");
        String sid = JSON.readTree(
                        api.get("/campaigns/" + campaignId + "?rows=true").body())
                .get("rows")
                .get(0)
                .get("call_sid")
                .asString();
        try {
            EXOTEL.postCallback(url, Map.of("CallSid", sid, "EventType", "terminal", "Status", "completed"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode awaitStatus(String id, String status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode campaign;
        do {
            campaign = JSON.readTree(api.get("/campaigns/" + id).body());
            if (campaign.get("status").asString().equals(status)) {
                return campaign;
            }
            pause(Duration.ofMillis(100));
        } while (System.nanoTime() < deadline);
        throw new AssertionError("campaign " + id + " is not " + status + " after " + timeout + ": " + campaign);
    }

    private static void awaitRequests(String number, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (EXOTEL.receivedFor(number).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no call to " + number);
            }
            pause(Duration.ofMillis(50));
        }
    }

    private record Answer(int statusCode, String body, String location) {}

    private Answer multipart(String csv, Map<String, String> fields) throws IOException {
        MultipartBody.Builder body = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("file", "numbers.csv", RequestBody.create(csv, MediaType.get("text/csv")));
        fields.forEach(body::addFormDataPart);
        Request request = new Request.Builder()
                .url(api.baseUrl() + "/campaigns")
                .header("Authorization", "Bearer " + API_KEY)
                .post(body.build())
                .build();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            return new Answer(response.code(), text, response.header("Location"));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
