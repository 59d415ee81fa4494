package dev.voicebot.simulator.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Connect two numbers as the seed does: From = the bot's ExoPhone, To = the customer, CallType=trans. */
class ConnectTwoNumbersTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String EXOPHONE = "+918047112345";
    private static final String CUSTOMER = "+919876543210";

    @Test
    void ringsTheExoPhoneThenTheCustomerAndOpensTheSocketWithTheReturnedSid() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver();
                TalkingBot bot = TalkingBot.waitingForTheCallee();
                ExotelApiStandIn exotel = standIn(bot, SocketCallSid.RETURNED_SID, SocketOpening.CUSTOMER_ANSWER)) {
            exotel.callees()
                    .defaultScript(CalleeScript.saying("hello who is this")
                            .withTiming(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(5)));
            ApiClient.Result response = seedRequest(exotel, receiver);

            assertThat(response.status()).isEqualTo(200);
            String sid = response.xmlText("Sid");
            assertThat(response.xmlText("From")).isEqualTo(EXOPHONE);
            assertThat(response.xmlText("To")).isEqualTo(CUSTOMER);
            JsonNode start = bot.awaitStart().path("start");
            assertThat(start.path("call_sid").asString()).isEqualTo(sid);
            assertThat(start.path("from").asString()).isEqualTo(EXOPHONE);
            assertThat(start.path("to").asString()).isEqualTo(CUSTOMER);
            assertThat(bot.stopReason.get(15, TimeUnit.SECONDS)).isEqualTo("callended");
            assertThat(bot.answers.get()).isPositive();

            CallbackReceiver.Callback answered = receiver.next();
            assertThat(answered.field("EventType")).isEqualTo("answered");
            assertThat(answered.field("Legs[0][AnsweredBy]")).isEqualTo("NA");
            assertThat(answered.field("Legs[1][AnsweredBy]")).isEqualTo("Human");
            assertThat(answered.field("Legs[1][Status]")).isEmpty();
            CallbackReceiver.Callback terminal = receiver.next();
            assertThat(terminal.contentType()).startsWith("multipart/form-data");
            assertThat(terminal.form())
                    .containsEntry("CallSid", sid)
                    .containsEntry("EventType", "terminal")
                    .containsEntry("Status", "completed")
                    .containsEntry("From", EXOPHONE)
                    .containsEntry("To", CUSTOMER)
                    .containsEntry("Direction", "outbound-api")
                    .containsEntry("CustomField", "order=77")
                    .containsEntry("Legs[0][Status]", "completed")
                    .containsEntry("Legs[1][Status]", "completed")
                    .containsKeys(
                            "DateCreated", "StartTime", "EndTime", "ConversationDuration", "Legs[1][OnCallDuration]");
            assertThat(Long.parseLong(terminal.field("ConversationDuration"))).isPositive();
            assertThat(exotel.call(sid).orElseThrow().awaitEnd(WAIT)).isTrue();
        }
    }

    @Test
    void canGiveTheSocketADistinctLegSid() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver();
                TalkingBot bot = TalkingBot.greetingThenHangingUp();
                ExotelApiStandIn exotel = standIn(bot, SocketCallSid.DISTINCT_LEG_SID, SocketOpening.CUSTOMER_ANSWER)) {
            String sid = seedRequest(exotel, receiver).xmlText("Sid");
            String socketSid = bot.awaitStart().path("start").path("call_sid").asString();
            assertThat(socketSid).matches("[0-9a-f]{32}").isNotEqualTo(sid);
            StandInCall call = exotel.call(sid).orElseThrow();
            assertThat(call.awaitEnd(WAIT)).isTrue();
            assertThat(call.socketCallSid()).hasValue(socketSid);
            assertThat(receiver.next().field("CallSid")).isEqualTo(sid);
        }
    }

    @Test
    void aBusyCustomerEndsASocketOpenedWhenTheExoPhoneAnswered() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver();
                TalkingBot bot = TalkingBot.waitingForTheCallee();
                ExotelApiStandIn exotel = standIn(bot, SocketCallSid.RETURNED_SID, SocketOpening.EXOPHONE_ANSWER)) {
            exotel.callees().outcomes(CUSTOMER, CalleeOutcome.BUSY);
            String sid = seedRequest(exotel, receiver).xmlText("Sid");

            assertThat(bot.awaitStart().path("start").path("call_sid").asString())
                    .isEqualTo(sid);
            assertThat(bot.stopReason.get(15, TimeUnit.SECONDS)).isEqualTo("callended");
            CallbackReceiver.Callback terminal = receiver.next();
            assertThat(terminal.form())
                    .containsEntry("Status", "busy")
                    .containsEntry("ConversationDuration", "0")
                    .containsEntry("Legs[0][Status]", "completed")
                    .containsEntry("Legs[1][Status]", "busy")
                    .containsEntry("Legs[1][AnsweredBy]", "NA");
        }
    }

    private static ExotelApiStandIn standIn(TalkingBot bot, SocketCallSid sid, SocketOpening opening) throws Exception {
        return ExotelApiStandIn.builder()
                .accountSid("acme1")
                .credentials("key", "token")
                .voicebotUrl(bot.url("/ws"))
                .ringDelay(Duration.ofMillis(100))
                .socketCallSid(sid)
                .socketOpening(opening)
                .calleeScript(CalleeScript.listenThenHangUp()
                        .withTiming(Duration.ofSeconds(3), Duration.ofMillis(300), Duration.ofSeconds(5)))
                .start();
    }

    /** What Pipecat's outbound example sends, plus a status callback: no .json, so XML comes back. */
    private static ApiClient.Result seedRequest(ExotelApiStandIn exotel, CallbackReceiver receiver) throws Exception {
        return new ApiClient("key", "token")
                .post(
                        exotel.connectUrl(false),
                        "From",
                        EXOPHONE,
                        "To",
                        CUSTOMER,
                        "CallerId",
                        EXOPHONE,
                        "CallType",
                        "trans",
                        "CustomField",
                        "order=77",
                        "StatusCallback",
                        receiver.url("/status"),
                        "StatusCallbackEvents[0]",
                        "terminal",
                        "StatusCallbackEvents[1]",
                        "answered");
    }
}
