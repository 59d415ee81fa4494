package dev.voicebot.simulator.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What a client sees when it gets things wrong, or when Exotel misbehaves. No socket is ever opened here. */
class ConnectApiErrorsTest {

    private static final String CUSTOMER = "+919876543210";
    private static final String EXOPHONE = "+918047112345";

    private ExotelApiStandIn exotel;
    private final ApiClient client = new ApiClient("key", "token");

    @BeforeEach
    void start() throws Exception {
        exotel = ExotelApiStandIn.builder()
                .accountSid("acme1")
                .credentials("key", "token")
                .voicebotUrl("ws://127.0.0.1:1/unused")
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        exotel.close();
    }

    @Test
    void refusesWrongOrMissingCredentialsWith401() throws Exception {
        ApiClient.Result wrong = new ApiClient("key", "nope").post(exotel.connectUrl(true), "From", CUSTOMER);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("RestException").path("Status").asInt()).isEqualTo(401);
        assertThat(wrong.json().path("RestException").path("Message").asString())
                .isNotBlank();

        ApiClient.Result none = new ApiClient(null, null).post(exotel.connectUrl(false), "From", CUSTOMER);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/xml");
        assertThat(none.xmlText("Status")).isEqualTo("401");

        ApiClient.Result otherAccount =
                client.post(exotel.baseUrl() + "/v1/Accounts/other/Calls/connect.json", "From", CUSTOMER);
        assertThat(otherAccount.status()).isEqualTo(401);

        assertThat(exotel.calls()).isEmpty();
        assertThat(exotel.requests())
                .extracting(RecordedApiRequest::authenticated)
                .containsExactly(false, false, true);
        assertThat(exotel.requests()).allMatch(r -> r.responseStatus() == 401);
        assertThat(exotel.requests())
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEmpty());
    }

    @Test
    void validatesParametersLikeExotel() throws Exception {
        assertInvalid("From", "CallerId", EXOPHONE, "To", CUSTOMER);
        assertInvalid("CallerId", "From", CUSTOMER, "To", CUSTOMER);
        assertInvalid("invalid", "From", "not-a-number", "CallerId", EXOPHONE, "To", CUSTOMER);
        assertInvalid(
                "together",
                "From",
                CUSTOMER,
                "CallerId",
                EXOPHONE,
                "To",
                CUSTOMER,
                "Url",
                "http://my.exotel.com/acme1/exoml/start_voice/1");
        assertInvalid("one of To", "From", CUSTOMER, "CallerId", EXOPHONE);
        assertInvalid("StreamType", "From", CUSTOMER, "CallerId", EXOPHONE, "StreamUrl", "wss://bot.example/ws");
        assertInvalid(
                "600",
                "From",
                CUSTOMER,
                "CallerId",
                EXOPHONE,
                "StreamType",
                "bidirectional",
                "StreamUrl",
                "wss://bot.example/ws?token=" + "x".repeat(600));
        assertInvalid(
                "ws://",
                "From",
                CUSTOMER,
                "CallerId",
                EXOPHONE,
                "StreamType",
                "bidirectional",
                "StreamUrl",
                "https://bot.example/ws");
        assertInvalid("Exotel flow", "From", CUSTOMER, "CallerId", EXOPHONE, "Url", "https://example.com/my-exoml");
        assertInvalid(
                "CustomField", "From", CUSTOMER, "CallerId", EXOPHONE, "To", CUSTOMER, "CustomField", "x".repeat(129));
        assertInvalid("promo", "From", CUSTOMER, "CallerId", EXOPHONE, "To", CUSTOMER, "CallType", "promo");
        assertInvalid("TimeLimit", "From", CUSTOMER, "CallerId", EXOPHONE, "To", CUSTOMER, "TimeLimit", "14401");
        assertInvalid(
                "StatusCallbackEvents",
                "From",
                CUSTOMER,
                "CallerId",
                EXOPHONE,
                "To",
                CUSTOMER,
                "StatusCallbackEvents[0]",
                "hangup");

        ApiClient.Result json = client.post(
                exotel.connectUrl(true),
                RequestBody.create("{\"From\":\"" + CUSTOMER + "\"}", MediaType.get("application/json")));
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.json().path("RestException").path("Message").asString()).contains("form");

        assertThat(exotel.calls()).isEmpty();
        assertThat(exotel.requests()).allMatch(r -> r.responseStatus() == 400 && r.isConnect());
    }

    @Test
    void answers429BeyondTheRateLimit() throws Exception {
        try (ExotelApiStandIn limited = ExotelApiStandIn.builder()
                .accountSid("acme1")
                .rateLimitPerMinute(12)
                .start()) {
            String unknown = limited.baseUrl() + "/v1/Accounts/acme1/Calls/0123456789abcdef0123456789abcdef.json";
            for (int i = 0; i < 12; i++) {
                assertThat(client.get(unknown).status()).isEqualTo(404);
            }
            ApiClient.Result refused = client.post(limited.connectUrl(true), "From", CUSTOMER);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().path("RestException").path("Status").asInt())
                    .isEqualTo(429);
        }
    }

    @Test
    void injectedFaultsAnswerTheNextConnectRequestsInOrder() throws Exception {
        exotel.injectFault(ApiFault.rateLimited())
                .injectFault(ApiFault.gateway(503))
                .injectFault(ApiFault.error(402, null, "Insufficient balance"))
                .injectFault(ApiFault.slow(Duration.ofSeconds(1)));
        String[] form = {"From", CUSTOMER, "CallerId", EXOPHONE, "Url", "http://my.exotel.com/acme1/exoml/start/5"};

        assertThat(client.post(exotel.connectUrl(true), form).status()).isEqualTo(429);
        ApiClient.Result gateway = client.post(exotel.connectUrl(true), form);
        assertThat(gateway.status()).isEqualTo(503);
        assertThat(gateway.contentType()).startsWith("text/html");
        ApiClient.Result balance = client.post(exotel.connectUrl(true), form);
        assertThat(balance.status()).isEqualTo(402);
        assertThat(balance.json().path("RestException").path("Message").asString())
                .isEqualTo("Insufficient balance");
        ApiClient impatient = new ApiClient("key", "token", Duration.ofMillis(300));
        assertThatThrownBy(() -> impatient.post(exotel.connectUrl(true), form))
                .isInstanceOf(InterruptedIOException.class);
        assertThat(exotel.awaitCall(Duration.ofSeconds(5)))
                .as("the slow request is still accepted")
                .isPresent();
    }

    @Test
    void recordsWhatTheClientSentWithoutCredentials() throws Exception {
        client.post(
                exotel.connectUrl(true) + "?details=true",
                "From",
                CUSTOMER,
                "CallerId",
                EXOPHONE,
                "Url",
                "http://my.exotel.com/acme1/exoml/start_voice/5",
                "StatusCallbackEvents[]",
                "terminal",
                "StatusCallbackEvents[]",
                "answered");
        RecordedApiRequest request = exotel.requests().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/Accounts/acme1/Calls/connect.json");
        assertThat(request.query().first("details")).hasValue("true");
        assertThat(request.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/x-www-form-urlencoded"));
        assertThat(request.header("Authorization")).isEmpty();
        assertThat(request.authenticated()).isTrue();
        assertThat(request.form().first("From")).hasValue(CUSTOMER);
        assertThat(request.form().all("StatusCallbackEvents")).containsExactly("terminal", "answered");
        assertThat(request.responseStatus()).isEqualTo(200);
        assertThat(request.callSid()).isPresent();
        ApiClient.Result details = client.get(exotel.baseUrl() + "/v1/Accounts/acme1/Calls/"
                + request.callSid().get());
        assertThat(details.contentType()).startsWith("application/xml");
        assertThat(details.xmlText("Sid")).isEqualTo(request.callSid().get());
        assertThat(exotel.requests().getLast().method()).isEqualTo("GET");
    }

    private void assertInvalid(String messagePart, String... form) throws Exception {
        ApiClient.Result result = client.post(exotel.connectUrl(true), form);
        assertThat(result.status()).as(result.body()).isEqualTo(400);
        JsonNode error = result.json().path("RestException");
        assertThat(error.path("Status").asInt()).isEqualTo(400);
        assertThat(error.path("Code").asInt()).isEqualTo(34001);
        assertThat(error.path("Message").asString()).contains(messagePart);
    }
}
