package dev.voicebot.dialer.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.event.OutboundCallPlaced;
import dev.voicebot.dialer.support.CallEvents;
import dev.voicebot.dialer.support.DialerIntegrationTest;
import dev.voicebot.dialer.support.ExotelStandIn;
import dev.voicebot.dialer.support.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** POST /start, POST /calls and GET /calls/{sid} against the Exotel stand-in and a real broker. */
class DialerApiTest extends DialerIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void startPlacesATwoNumbersCallAndAnswersExactlyLikeTheSeed() {
        String number = uniqueNumber();
        try (CallEvents events = new CallEvents()) {
            HttpResponse<String> response =
                    api.postJson("/start", "{\"dialout_settings\":{\"phone_number\":\"" + number + "\"}}");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(body.propertyNames()).containsExactlyInAnyOrder("call_sid", "status", "phone_number");
            String sid = body.get("call_sid").asString();
            assertThat(body.get("status").asString()).isEqualTo("call_initiated");
            assertThat(body.get("phone_number").asString()).isEqualTo(number);

            ExotelStandIn.Received sent = onlyRequestFor(number);
            assertThat(sent.path()).isEqualTo("/v1/Accounts/AC_standin/Calls/connect.json");
            assertThat(sent.form())
                    .containsEntry("From", EXOPHONE)
                    .containsEntry("To", number)
                    .containsEntry("CallerId", EXOPHONE)
                    .containsEntry("CallType", "trans")
                    .containsEntry("StatusCallbackEvents[0]", "answered")
                    .containsEntry("StatusCallbackEvents[1]", "terminal")
                    .containsEntry("StatusCallbackContentType", "application/json")
                    .doesNotContainKeys("Url", "StreamUrl");
            assertThat(sent.form().get("StatusCallback"))
                    .matches("http://localhost:" + port + "/exotel/status-callback/[0-9a-f]{40}");
            assertThat(sent.form().get("CustomField")).matches("vb[0-9a-f]{28}");

            CallEvents.Keyed placed = events.await(e -> sid.equals(e.key()), Duration.ofSeconds(10));
            assertThat(placed.event()).isInstanceOfSatisfying(OutboundCallPlaced.class, event -> {
                assertThat(event.phoneNumber()).isEqualTo(number);
                assertThat(event.mode()).isEqualTo("two-numbers");
            });
        }
    }

    @Test
    void startReadsJsonWhateverTheContentTypeAndAcceptsIndianNationalNumbers() {
        String number = uniqueNumber();
        String national = "0" + number.substring(3, 8) + " " + number.substring(8);
        HttpResponse<String> response = api.post(
                "/start",
                "application/x-www-form-urlencoded",
                "{\"dialout_settings\":{\"phone_number\":\"" + national + "\"}}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("phone_number").asString()).isEqualTo(number);
        assertThat(onlyRequestFor(number).form()).containsEntry("To", number);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not json",
                "[]",
                "{}",
                "{\"dialout_settings\":null}",
                "{\"dialout_settings\":{}}",
                "{\"dialout_settings\":{\"phone_number\":\"\"}}",
                "{\"dialout_settings\":{\"phone_number\":\"12345\"}}",
                "{\"dialout_settings\":{\"phone_number\":\"+91 98765 4321x\"}}",
            })
    void startAnswers400WithAJsonErrorAndSendsNothing(String body) {
        int before = EXOTEL.received().size();
        HttpResponse<String> response = api.postJson("/start", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("json"));
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("error").asString()).isIn("invalid_request", "invalid_phone_number");
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(EXOTEL.received()).hasSize(before);
    }

    @Test
    void exotelsRefusalComesBackAsA502CarryingExotelsOwnMessage() {
        String number = uniqueNumber();
        EXOTEL.respondFor(
                number, r -> ExotelStandIn.restException(400, 34001, "From number " + number + " is invalid"));

        HttpResponse<String> response =
                api.postJson("/start", "{\"dialout_settings\":{\"phone_number\":\"" + number + "\"}}");

        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode problem = json(response);
        assertThat(problem.get("detail").asString()).contains("From number " + number + " is invalid");
        assertThat(problem.get("error").asString()).isEqualTo("exotel_rejected");
        assertThat(problem.get("exotel_status").asInt()).isEqualTo(400);
        assertThat(problem.get("exotel_code").asInt()).isEqualTo(34001);
    }

    @Test
    void exotelsOtherFailuresMapToGatewayErrors() {
        assertThat(failureFor(r -> ExotelStandIn.restException(403, 20403, "Feature not enabled")))
                .containsEntry(502, "exotel_rejected");
        assertThat(failureFor(r -> ExotelStandIn.restException(401, 20003, "Authentication Failed")))
                .containsEntry(502, "exotel_rejected");
        assertThat(failureFor(r -> new MockResponse().setResponseCode(500).setBody("oops")))
                .containsEntry(502, "exotel_error");
        assertThat(failureFor(r -> ExotelStandIn.success("late").setHeadersDelay(3, TimeUnit.SECONDS)))
                .containsEntry(504, "exotel_outcome_unknown");
        assertThat(failureFor(r -> ExotelStandIn.restException(429, 20429, "Too many requests")))
                .containsEntry(503, "exotel_rate_limited");
    }

    @Test
    void exotels429IsRetriedWithBackOff() {
        String number = uniqueNumber();
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        EXOTEL.respondFor(
                number,
                r -> attempts.incrementAndGet() < 3
                        ? ExotelStandIn.restException(429, 20429, "Too many requests")
                        : ExotelStandIn.success("after-429"));

        HttpResponse<String> response = api.postJson("/calls", "{\"phone_number\":\"" + number + "\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).get("call_sid").asString()).isEqualTo("after-429");
        assertThat(EXOTEL.receivedFor(number)).hasSize(3);
    }

    @Test
    void anExhausted429AnswersWithRetryAfter() {
        String number = uniqueNumber();
        EXOTEL.respondFor(number, r -> ExotelStandIn.restException(429, 20429, "Too many requests"));
        HttpResponse<String> response = api.postJson("/calls", "{\"phone_number\":\"" + number + "\"}");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(EXOTEL.receivedFor(number)).hasSize(4);
    }

    @Test
    void callsPlacesConnectVoiceAiWithTheCorrelationInTheStreamUrlAndVariablesForTheBot() {
        String number = uniqueNumber();
        try (CallEvents events = new CallEvents()) {
            HttpResponse<String> response = api.postJson(
                    "/calls",
                    "{\"phone_number\":\"" + number + "\",\"mode\":\"voice-ai\","
                            + "\"variables\":{\"name\":\"Asha\",\"amount_due\":1200},\"time_limit_seconds\":300,\"record\":true,"
                            + "\"caller_id\":\"+91 80 4710 0001\"}");

            assertThat(response.statusCode()).isEqualTo(201);
            JsonNode body = json(response);
            String sid = body.get("call_sid").asString();
            String correlation = body.get("correlation_id").asString();
            assertThat(response.headers().firstValue("Location")).hasValue("/calls/" + sid);
            assertThat(body.get("mode").asString()).isEqualTo("voice-ai");
            assertThat(body.get("replayed").asBoolean()).isFalse();

            Map<String, String> form = onlyRequestFor(number).form();
            assertThat(form)
                    .containsEntry("From", number)
                    .containsEntry("CallerId", "+918047100001")
                    .containsEntry(
                            "StreamUrl",
                            "wss://gateway.test/ws?sample-rate=8000&direction=outbound&correlation_id=" + correlation)
                    .containsEntry("StreamType", "bidirectional")
                    .containsEntry("TimeLimit", "300")
                    .containsEntry("Record", "true")
                    .containsEntry("CustomField", correlation)
                    .doesNotContainKeys("To", "Url", "CallType", "StatusCallbackContentType");
            assertThat(form.keySet()).containsSequence("From", "CallerId", "StreamUrl", "StreamType");

            OutboundCallPlaced placed =
                    (OutboundCallPlaced) events.await(e -> sid.equals(e.key()), Duration.ofSeconds(10))
                            .event();
            assertThat(placed.variables()).isEqualTo(Map.of("name", "Asha", "amount_due", "1200"));
            assertThat(placed.mode()).isEqualTo("voice-ai");

            JsonNode call = json(api.get("/calls/" + sid));
            assertThat(call.get("correlation_id").asString()).isEqualTo(correlation);
            assertThat(call.get("caller_id").asString()).isEqualTo("+918047100001");
            assertThat(call.get("variables").get("name").asString()).isEqualTo("Asha");
            assertThat(call.get("status").asString()).isEqualTo("in-progress");
        }
    }

    @Test
    void callsConnectsTheCustomerToTheFlowWithoutTo() {
        String number = uniqueNumber();
        HttpResponse<String> response =
                api.postJson("/calls", "{\"phone_number\":\"" + number + "\",\"mode\":\"flow\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(onlyRequestFor(number).form())
                .containsEntry("From", number)
                .containsEntry("CallerId", EXOPHONE)
                .containsEntry("Url", "http://my.exotel.com/AC_standin/exoml/start_voice/424242")
                .containsEntry("CallType", "trans")
                .doesNotContainKeys("To", "StreamUrl");
    }

    @Test
    void anIdempotencyKeyPlacesOneCallHoweverOftenItIsSent() {
        String number = uniqueNumber();
        String request = "{\"phone_number\":\"" + number + "\",\"variables\":{\"k\":\"v\"}}";
        HttpResponse<String> first = api.postJson("/calls", request, "Idempotency-Key", "order-" + number);
        HttpResponse<String> again = api.postJson("/calls", request, "Idempotency-Key", "order-" + number);
        HttpResponse<String> inBody =
                api.postJson("/calls", request.replace("}}", "},\"idempotency_key\":\"order-" + number + "\"}"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(json(again).get("call_sid").asString())
                .isEqualTo(json(first).get("call_sid").asString());
        assertThat(json(again).get("replayed").asBoolean()).isTrue();
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(inBody).get("call_sid").asString())
                .isEqualTo(json(first).get("call_sid").asString());
        assertThat(EXOTEL.receivedFor(number)).hasSize(1);

        HttpResponse<String> different = api.postJson(
                "/calls", "{\"phone_number\":\"" + uniqueNumber() + "\"}", "Idempotency-Key", "order-" + number);
        assertThat(different.statusCode()).isEqualTo(422);
        assertThat(json(different).get("error").asString()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void aRefusedCallFreesItsIdempotencyKey() {
        String number = uniqueNumber();
        EXOTEL.respondFor(number, r -> ExotelStandIn.restException(402, 20402, "Insufficient balance"));
        assertThat(api.postJson("/calls", "{\"phone_number\":\"" + number + "\"}", "Idempotency-Key", "k-" + number)
                        .statusCode())
                .isEqualTo(502);
        EXOTEL.respondFor(number, r -> ExotelStandIn.success("paid-up"));
        HttpResponse<String> retried =
                api.postJson("/calls", "{\"phone_number\":\"" + number + "\"}", "Idempotency-Key", "k-" + number);
        assertThat(json(retried).get("call_sid").asString()).isEqualTo("paid-up");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"mode\":\"voice-ai\"}",
                "{\"phone_number\":\"+919876543210\",\"mode\":\"carrier-pigeon\"}",
                "{\"phone_number\":\"+919876543210\",\"time_limit_seconds\":0}",
                "{\"phone_number\":\"+919876543210\",\"time_limit_seconds\":\"soon\"}",
                "{\"phone_number\":\"+919876543210\",\"variables\":[1,2]}",
                "{\"phone_number\":\"+919876543210\",\"caller_id\":\"exophone\"}",
                "{\"phone_number\":\"+919876543210\",\"record\":\"maybe\"}",
            })
    void callsValidatesEveryFieldBeforeCallingExotel(String body) {
        int before = EXOTEL.received().size();
        HttpResponse<String> response = api.postJson("/calls", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("detail").asString()).isNotBlank();
        assertThat(EXOTEL.received()).hasSize(before);
    }

    @Test
    void anUnknownCallIs404() {
        HttpResponse<String> response = api.get("/calls/nope");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").asString()).isEqualTo("not_found");
    }

    @Test
    void everyApiEndpointWantsTheBearerKey() {
        int before = EXOTEL.received().size();
        Http anonymous = new Http(api.baseUrl(), null);
        String body = "{\"dialout_settings\":{\"phone_number\":\"+919876543210\"}}";

        HttpResponse<String> missing = anonymous.postJson("/start", body);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"dialer\"");
        assertThat(json(missing).get("error").asString()).isEqualTo("unauthorized");
        assertThat(anonymous
                        .postJson("/start", body, "Authorization", "Bearer wrong-key")
                        .statusCode())
                .isEqualTo(401);
        assertThat(anonymous
                        .postJson("/start", body, "Authorization", "Basic " + API_KEY)
                        .statusCode())
                .isEqualTo(401);
        assertThat(anonymous
                        .postJson("/calls", body, "Authorization", "Bearer " + API_KEY + "x")
                        .statusCode())
                .isEqualTo(401);
        assertThat(anonymous.get("/calls/anything").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/campaigns").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/no-such-endpoint").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/exotel/status-callback/../../calls/x").statusCode())
                .isIn(400, 401, 404);
        assertThat(EXOTEL.received()).hasSize(before);

        assertThat(anonymous.get("/start", "Authorization", "bearer " + API_KEY).statusCode())
                .isEqualTo(405);
    }

    @Test
    void servesItsOpenApiDescriptionAndHealthWithoutTheKey() {
        Http anonymous = new Http(api.baseUrl(), null);
        HttpResponse<String> docs = anonymous.get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode openApi = json(docs);
        assertThat(openApi.get("paths").propertyNames())
                .contains("/start", "/calls", "/calls/{sid}", "/campaigns", "/campaigns/{id}");
        assertThat(openApi.get("components")
                        .get("securitySchemes")
                        .get("bearer")
                        .get("scheme")
                        .asString())
                .isEqualTo("bearer");
        assertThat(openApi.get("components")
                        .get("schemas")
                        .get("CallRequest")
                        .get("properties")
                        .propertyNames())
                .contains(
                        "phone_number",
                        "mode",
                        "variables",
                        "caller_id",
                        "time_limit_seconds",
                        "record",
                        "idempotency_key");
        assertThat(anonymous.get("/actuator/health").statusCode()).isEqualTo(200);
    }

    private Map<Integer, String> failureFor(java.util.function.Function<ExotelStandIn.Received, MockResponse> answer) {
        String number = uniqueNumber();
        EXOTEL.respondFor(number, answer);
        HttpResponse<String> response = api.postJson("/calls", "{\"phone_number\":\"" + number + "\"}");
        return Map.of(response.statusCode(), json(response).get("error").asString());
    }

    private static ExotelStandIn.Received onlyRequestFor(String number) {
        List<ExotelStandIn.Received> requests = EXOTEL.receivedFor(number);
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
