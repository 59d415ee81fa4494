package dev.voicebot.dialer.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.event.CallStatusChanged;
import dev.voicebot.dialer.support.CallEvents;
import dev.voicebot.dialer.support.DialerIntegrationTest;
import dev.voicebot.dialer.support.Http;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Exotel's status callbacks in every encoding, through to call.status events on a real broker. */
class StatusCallbackTest extends DialerIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final OkHttpClient http = new OkHttpClient();
    private String sid;
    private String correlation;
    private String callbackUrl;

    @BeforeEach
    void placeACall() {
        String number = uniqueNumber();
        HttpResponse<String> placed =
                api.postJson("/calls", "{\"phone_number\":\"" + number + "\",\"mode\":\"voice-ai\"}");
        JsonNode body = JSON.readTree(placed.body());
        sid = body.get("call_sid").asString();
        correlation = body.get("correlation_id").asString();
        callbackUrl = EXOTEL.receivedFor(number).getFirst().form().get("StatusCallback");
    }

    @Test
    void multipartFormAndJsonCallbacksAllBecomeStatusEventsKeyedByCallSid() throws IOException {
        try (CallEvents events = new CallEvents()) {
            Map<String, String> answered = new LinkedHashMap<>();
            answered.put("CallSid", sid);
            answered.put("EventType", "answered");
            answered.put("Status", "in-progress");
            answered.put("CustomField", correlation);
            assertThat(postMultipart(callbackUrl, answered)).isEqualTo(200);

            String terminal = "CallSid=" + sid + "&EventType=terminal&Status=completed&ConversationDuration=42"
                    + "&Legs%5B0%5D%5BStatus%5D=completed&Legs%5B0%5D%5BOnCallDuration%5D=45&CustomField="
                    + correlation;
            assertThat(post(callbackUrl, "application/x-www-form-urlencoded", terminal))
                    .isEqualTo(200);

            CallStatusChanged first = statusEvent(events, "answered");
            assertThat(first.status()).isEqualTo("in-progress");
            CallStatusChanged last = statusEvent(events, "terminal");
            assertThat(last.status()).isEqualTo("completed");
            assertThat(last.detail()).isEqualTo("leg 1 completed 45s; conversation 42s");

            JsonNode call = JSON.readTree(api.get("/calls/" + sid).body());
            assertThat(call.get("status").asString()).isEqualTo("completed");
            assertThat(call.get("events")).hasSize(2);
        }
    }

    @Test
    void jsonCallbacksWithLegArraysAreRead() throws IOException {
        try (CallEvents events = new CallEvents()) {
            String json = "{\"CallSid\":\"" + sid + "\",\"EventType\":\"terminal\",\"Status\":\"no-answer\","
                    + "\"Legs\":[{\"Status\":\"no-answer\",\"OnCallDuration\":0}],\"CustomField\":\"" + correlation
                    + "\"}";
            assertThat(post(callbackUrl, "application/json; charset=utf-8", json))
                    .isEqualTo(200);
            CallStatusChanged event = statusEvent(events, "terminal");
            assertThat(event.status()).isEqualTo("no-answer");
            assertThat(event.detail()).isEqualTo("leg 1 no-answer 0s");
        }
    }

    @Test
    void aBodyWithoutContentTypeIsSniffed() throws IOException {
        try (CallEvents events = new CallEvents()) {
            assertThat(post(callbackUrl, null, "CallSid=" + sid + "&Status=busy"))
                    .isEqualTo(200);
            CallStatusChanged event = (CallStatusChanged) events.await(
                            e -> sid.equals(e.key()) && e.event() instanceof CallStatusChanged, Duration.ofSeconds(10))
                    .event();
            assertThat(event.status()).isEqualTo("busy");
            assertThat(event.eventType()).isNull();
        }
    }

    @Test
    void aRepeatedCallbackIsAnsweredButPublishedOnce() throws IOException {
        try (CallEvents events = new CallEvents()) {
            Map<String, String> terminal = Map.of("CallSid", sid, "EventType", "terminal", "Status", "completed");
            assertThat(postMultipart(callbackUrl, terminal)).isEqualTo(200);
            assertThat(postMultipart(callbackUrl, terminal)).isEqualTo(200);
            assertThat(postMultipart(callbackUrl, terminal)).isEqualTo(200);
            statusEvent(events, "terminal");
            List<CallEvents.Keyed> all = events.collect(Duration.ofSeconds(1));
            assertThat(all.stream().filter(e -> sid.equals(e.key()) && e.event() instanceof CallStatusChanged))
                    .hasSize(1);
        }
    }

    @Test
    void aCallFoundOnlyByItsCorrelationIdIsStillOurs() throws IOException {
        try (CallEvents events = new CallEvents()) {
            String otherSid = "leg-sid-" + sid;
            assertThat(postMultipart(
                            callbackUrl,
                            Map.of("CallSid", otherSid, "Status", "completed", "CustomField", correlation)))
                    .isEqualTo(200);
            assertThat(events.await(e -> otherSid.equals(e.key()), Duration.ofSeconds(10))
                            .event())
                    .isInstanceOf(CallStatusChanged.class);
        }
    }

    @Test
    void aWrongTokenIs403AndAnUnknownCallIs200ButNeitherIsPublished() throws IOException {
        try (CallEvents events = new CallEvents()) {
            String wrongToken = callbackUrl.substring(0, callbackUrl.lastIndexOf('/') + 1) + "not-the-token";
            assertThat(postMultipart(wrongToken, Map.of("CallSid", sid, "Status", "completed")))
                    .isEqualTo(403);
            assertThat(postMultipart(
                            callbackUrl.replace("/status-callback/", "/status-callback/x"), Map.of("CallSid", sid)))
                    .isEqualTo(403);

            assertThat(postMultipart(callbackUrl, Map.of("CallSid", "someone-elses-call", "Status", "completed")))
                    .isEqualTo(200);
            assertThat(postMultipart(
                            callbackUrl,
                            Map.of(
                                    "CallSid",
                                    "forged",
                                    "Status",
                                    "completed",
                                    "CustomField",
                                    "vb0000000000000000000000000000")))
                    .isEqualTo(200);

            assertThat(events.collect(Duration.ofSeconds(1))).noneMatch(e -> e.event() instanceof CallStatusChanged);
        }
    }

    @Test
    void aCallbackWithoutCallSidIs400() throws IOException {
        assertThat(postMultipart(callbackUrl, Map.of("Status", "completed"))).isEqualTo(400);
        assertThat(post(callbackUrl, "application/json", "{not json")).isEqualTo(400);
    }

    @Test
    void theCallbackNeedsNoBearerKeyButItsOwnToken() {
        Http anonymous = new Http(api.baseUrl(), null);
        String path = callbackUrl.substring(callbackUrl.indexOf("/exotel/"));
        assertThat(anonymous
                        .post(
                                path,
                                "application/x-www-form-urlencoded",
                                "CallSid=" + sid + "&Status=ringing&EventType=answered")
                        .statusCode())
                .isEqualTo(200);
    }

    private static CallStatusChanged statusEvent(CallEvents events, String eventType) {
        return (CallStatusChanged) events.await(
                        e -> e.event() instanceof CallStatusChanged status && eventType.equals(status.eventType()),
                        Duration.ofSeconds(10))
                .event();
    }

    private int postMultipart(String url, Map<String, String> fields) throws IOException {
        MultipartBody.Builder body = new MultipartBody.Builder().setType(MultipartBody.FORM);
        fields.forEach(body::addFormDataPart);
        try (Response response = http.newCall(
                        new Request.Builder().url(url).post(body.build()).build())
                .execute()) {
            return response.code();
        }
    }

    private int post(String url, String contentType, String body) throws IOException {
        RequestBody requestBody =
                RequestBody.create(body.getBytes(), contentType == null ? null : MediaType.get(contentType));
        try (Response response = http.newCall(
                        new Request.Builder().url(url).post(requestBody).build())
                .execute()) {
            return response.code();
        }
    }
}
