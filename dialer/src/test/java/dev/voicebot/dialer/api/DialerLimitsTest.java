package dev.voicebot.dialer.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.dialer.support.DialerIntegrationTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Request bodies past the dialer's limits: 413 or 400 with a JSON error, and nothing stored or sent. */
class DialerLimitsTest extends DialerIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aJsonBodyOverOneMegabyteIs413AndSendsNothing() {
        int sentBefore = EXOTEL.received().size();
        String padding = "x".repeat(1024 * 1024);
        HttpResponse<String> response = api.postJson(
                "/calls", "{\"phone_number\":\"" + uniqueNumber() + "\",\"variables\":{\"pad\":\"" + padding + "\"}}");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response.body()).path("error").asString()).isEqualTo("body_too_large");
        assertThat(EXOTEL.received()).hasSize(sentBefore);
    }

    @Test
    void aCsvBodyOverTheLimitIs413AndCreatesNoCampaign() {
        int before = campaigns();
        HttpResponse<String> response = api.post("/campaigns", "text/csv", csvOfBytes(MAX_CSV_BYTES + 1));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response.body()).path("error").asString()).isEqualTo("body_too_large");
        assertThat(campaigns()).isEqualTo(before);
    }

    @Test
    void anUploadOverTheLimitIs413AndCreatesNoCampaign() throws IOException {
        int before = campaigns();
        RequestBody body = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart(
                        "file",
                        "numbers.csv",
                        RequestBody.create(csvOfBytes(MAX_CSV_BYTES + 1), MediaType.get("text/csv")))
                .build();
        OkHttpClient http =
                new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build();
        try (Response response = http.newCall(new Request.Builder()
                        .url(api.baseUrl() + "/campaigns")
                        .header("Authorization", "Bearer " + API_KEY)
                        .post(body)
                        .build())
                .execute()) {
            assertThat(response.code()).isEqualTo(413);
            assertThat(json(response.body().string()).path("error").asString()).isEqualTo("body_too_large");
        }
        assertThat(campaigns()).isEqualTo(before);
    }

    @Test
    void aCsvWithMoreRowsThanAllowedIs400AndCreatesNoCampaign() {
        int before = campaigns();
        StringBuilder csv = new StringBuilder("phone_number\n");
        for (int row = 0; row <= MAX_CAMPAIGN_ROWS; row++) {
            csv.append("+9198").append(String.format("%08d", row)).append('\n');
        }
        HttpResponse<String> response = api.post("/campaigns", "text/csv", csv.toString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).path("detail").asString()).contains("at most " + MAX_CAMPAIGN_ROWS);
        assertThat(campaigns()).isEqualTo(before);
    }

    private static String csvOfBytes(int bytes) {
        StringBuilder csv = new StringBuilder("phone_number,note\n");
        while (csv.length() < bytes) {
            csv.append("+919800000000,").append("n".repeat(100)).append('\n');
        }
        return csv.toString();
    }

    private int campaigns() {
        return json(api.get("/campaigns").body()).size();
    }

    private static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
