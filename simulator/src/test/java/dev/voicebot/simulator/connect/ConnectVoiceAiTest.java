package dev.voicebot.simulator.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.simulator.CloseInfo;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Connect Voice AI: From is dialled, the socket opens to StreamUrl as given, closing it ends the call. */
class ConnectVoiceAiTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String CUSTOMER = "+919876543210";
    private static final String EXOPHONE = "08047112345";

    private CallbackReceiver receiver;
    private ExotelApiStandIn exotel;
    private final ApiClient client = new ApiClient("key", "token");

    @BeforeEach
    void start() throws Exception {
        receiver = new CallbackReceiver();
        exotel = ExotelApiStandIn.builder()
                .accountSid("acme1")
                .credentials("key", "token")
                .ringDelay(Duration.ofMillis(100))
                .calleeScript(CalleeScript.saying("yes please")
                        .withTiming(Duration.ofSeconds(3), Duration.ofMillis(300), Duration.ofSeconds(5)))
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        exotel.close();
        receiver.close();
    }

    @Test
    void dialsTheCalleeStreamsToTheGivenUrlAndReportsTheCall() throws Exception {
        try (TalkingBot bot = TalkingBot.greeting()) {
            String streamUrl = bot.url("/ws/outbound?campaign=c%2F1&sample-rate=16000");
            ApiClient.Result response = client.post(
                    exotel.connectUrl(true),
                    "From",
                    CUSTOMER,
                    "CallerId",
                    EXOPHONE,
                    "StreamUrl",
                    streamUrl,
                    "StreamType",
                    "bidirectional",
                    "CustomField",
                    "lead-42",
                    "StatusCallback",
                    receiver.url("/exotel/status?key=s3cret"),
                    "StatusCallbackEvents[0]",
                    "terminal",
                    "StatusCallbackEvents[1]",
                    "answered",
                    "StatusCallbackContentType",
                    "application/json");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.contentType()).startsWith("application/json");
            JsonNode call = response.json().path("Call");
            String sid = call.path("Sid").asString();
            assertThat(sid).matches("[0-9a-f]{32}");
            assertThat(call.path("Status").asString()).isEqualTo("in-progress");
            assertThat(call.path("Direction").asString()).isEqualTo("outbound-api");
            assertThat(call.path("From").asString()).isEqualTo(CUSTOMER);
            assertThat(call.path("To").asString()).isEqualTo(EXOPHONE);
            assertThat(call.path("PhoneNumberSid").asString()).isEqualTo(EXOPHONE);
            assertThat(call.path("AccountSid").asString()).isEqualTo("acme1");
            assertThat(call.path("DateCreated").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            assertThat(call.path("Uri").asString()).isEqualTo("/v1/Accounts/acme1/Calls/" + sid + ".json");
            assertThat(call.has("EndTime")).isTrue();
            assertThat(call.path("EndTime").isNull()).isTrue();

            // the socket is opened to StreamUrl exactly as given, query included
            assertThat(bot.socket.takeRequest().getPath()).isEqualTo("/ws/outbound?campaign=c%2F1&sample-rate=16000");
            JsonNode start = bot.awaitStart().path("start");
            assertThat(start.path("call_sid").asString()).isEqualTo(sid);
            assertThat(start.path("account_sid").asString()).isEqualTo("acme1");
            assertThat(start.path("from").asString()).isEqualTo(EXOPHONE);
            assertThat(start.path("to").asString()).isEqualTo(CUSTOMER);
            assertThat(start.path("custom_parameters").path("campaign").asString())
                    .isEqualTo("c/1");
            assertThat(start.path("media_format").path("sample_rate").asString())
                    .isEqualTo("16000");

            // the callee listens to the greeting, says its line, hears the answer and hangs up
            assertThat(bot.stopReason.get(15, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo("callended");
            assertThat(bot.answers.get()).isPositive();
            StandInCall placed = exotel.call(sid).orElseThrow();
            assertThat(placed.awaitEnd(WAIT)).isTrue();
            assertThat(placed.socketCallSid()).hasValue(sid);
            assertThat(placed.socket().orElseThrow().turns()).hasSize(1);

            CallbackReceiver.Callback answered = receiver.next();
            assertThat(answered.contentType()).startsWith("application/json");
            assertThat(answered.path()).isEqualTo("/exotel/status?key=s3cret");
            assertThat(answered.field("EventType")).isEqualTo("answered");
            assertThat(answered.field("CallSid")).isEqualTo(sid);
            assertThat(answered.field("Status")).isEqualTo("in-progress");
            assertThat(answered.json().path("EndTime").isNull()).isTrue();

            CallbackReceiver.Callback terminal = receiver.next();
            JsonNode body = terminal.json();
            assertThat(body.path("EventType").asString()).isEqualTo("terminal");
            assertThat(body.path("CallSid").asString()).isEqualTo(sid);
            assertThat(body.path("Status").asString()).isEqualTo("completed");
            assertThat(body.path("From").asString()).isEqualTo(CUSTOMER);
            assertThat(body.path("To").asString()).isEqualTo(EXOPHONE);
            assertThat(body.path("PhoneNumberSid").asString()).isEqualTo(EXOPHONE);
            assertThat(body.path("Direction").asString()).isEqualTo("outbound-api");
            assertThat(body.path("CustomField").asString()).isEqualTo("lead-42");
            assertThat(body.path("ConversationDuration").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(body.path("EndTime").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            assertThat(body.has("DateCreated") && body.has("StartTime") && body.has("RecordingUrl"))
                    .isTrue();
            assertThat(body.path("Legs")).hasSize(1);
            assertThat(body.path("Legs").get(0).path("Status").asString()).isEqualTo("completed");
            assertThat(body.path("Legs").get(0).path("AnsweredBy").asString()).isEqualTo("Human");
            assertThat(body.path("Legs").get(0).path("OnCallDuration").asLong()).isGreaterThanOrEqualTo(1);

            assertThat(placed.awaitCallbacks(WAIT)).isTrue();
            assertThat(placed.callbacks()).extracting(CallbackDelivery::event).containsExactly("answered", "terminal");
            assertThat(placed.callbacks()).allMatch(CallbackDelivery::delivered);

            JsonNode details = client.get(exotel.baseUrl() + "/v1/Accounts/acme1/Calls/" + sid + ".json?details=true")
                    .json()
                    .path("Call");
            assertThat(details.path("Status").asString()).isEqualTo("completed");
            assertThat(details.path("Duration").asString()).matches("\\d+");
            assertThat(details.path("Details").path("Leg1Status").asString()).isEqualTo("completed");
            assertThat(details.path("Details").path("ConversationDuration").asLong())
                    .isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void theBotClosingTheSocketEndsTheCall() throws Exception {
        exotel.callees().script(CUSTOMER, CalleeScript.listenThenHangUp().untilBotHangsUp());
        try (TalkingBot bot = TalkingBot.greetingThenHangingUp()) {
            String sid = client.post(
                            exotel.connectUrl(true),
                            "From",
                            CUSTOMER,
                            "CallerId",
                            EXOPHONE,
                            "StreamUrl",
                            bot.url("/ws"),
                            "StreamType",
                            "bidirectional",
                            "StatusCallback",
                            receiver.url("/status"),
                            "StatusCallbackEvents[]",
                            "terminal")
                    .json()
                    .path("Call")
                    .path("Sid")
                    .asString();
            StandInCall call = exotel.call(sid).orElseThrow();
            assertThat(call.awaitEnd(WAIT)).isTrue();
            assertThat(call.status()).isEqualTo("completed");
            CloseInfo close = call.socket().orElseThrow().stats().close().orElseThrow();
            assertThat(close.closedBy()).isEqualTo(CloseInfo.ClosedBy.BOT);
            CallbackReceiver.Callback terminal = receiver.next();
            assertThat(terminal.contentType()).startsWith("multipart/form-data");
            assertThat(terminal.field("Status")).isEqualTo("completed");
            assertThat(terminal.field("EventType")).isEqualTo("terminal");
            assertThat(terminal.field("Legs[0][Status]")).isEqualTo("completed");
        }
    }
}
