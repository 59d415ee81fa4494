package dev.voicebot.simulator.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Busy, unanswered and failed callees: no socket, a terminal callback with that status, retries see the next outcome. */
class CalleeOutcomesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CUSTOMER = "+919876543210";
    private static final String EXOPHONE = "+918047112345";

    @Test
    void successiveCallsToANumberTakeItsOutcomesInTurn() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver();
                TalkingBot bot = TalkingBot.greetingThenHangingUp();
                ExotelApiStandIn exotel = ExotelApiStandIn.builder()
                        .ringDelay(Duration.ofMillis(50))
                        .voicebotUrl(bot.url("/ws"))
                        .calleeScript(CalleeScript.listenThenHangUp().untilBotHangsUp())
                        .start()) {
            // the callee is written 0-prefixed in the request: numbers match on their last ten digits
            exotel.callees().outcomes(CUSTOMER, CalleeOutcome.BUSY, CalleeOutcome.NO_ANSWER, CalleeOutcome.ANSWER);
            ApiClient client = new ApiClient("k", "t");
            String[] form = {
                "From",
                "09876543210",
                "CallerId",
                EXOPHONE,
                "StreamUrl",
                bot.url("/ws"),
                "StreamType",
                "bidirectional",
                "StatusCallback",
                receiver.url("/status"),
                "StatusCallbackEvents[0]",
                "terminal"
            };

            String busy = sid(client.post(exotel.connectUrl(true), form));
            assertThat(exotel.call(busy).orElseThrow().awaitEnd(WAIT)).isTrue();
            CallbackReceiver.Callback first = receiver.next();
            assertThat(first.form())
                    .containsEntry("CallSid", busy)
                    .containsEntry("Status", "busy")
                    .containsEntry("ConversationDuration", "0")
                    .containsEntry("Legs[0][Status]", "busy")
                    .containsEntry("Legs[0][OnCallDuration]", "0");

            String unanswered = sid(client.post(exotel.connectUrl(true), form));
            assertThat(exotel.call(unanswered).orElseThrow().awaitEnd(WAIT)).isTrue();
            assertThat(receiver.next().form()).containsEntry("Status", "no-answer");
            assertThat(bot.socket.requestCount())
                    .as("no socket for busy or unanswered callees")
                    .isZero();

            String answered = sid(client.post(exotel.connectUrl(true), form));
            StandInCall call = exotel.call(answered).orElseThrow();
            assertThat(call.awaitEnd(WAIT)).isTrue();
            assertThat(call.status()).isEqualTo("completed");
            assertThat(receiver.next().form()).containsEntry("Status", "completed");
            assertThat(exotel.calls())
                    .extracting(StandInCall::status)
                    .containsExactly("busy", "no-answer", "completed");
        }
    }

    @Test
    void aCalleeRingingPastTimeOutIsUnanswered() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver();
                ExotelApiStandIn exotel = ExotelApiStandIn.builder()
                        .ringDelay(Duration.ofSeconds(5))
                        .start()) {
            String sid = sid(new ApiClient("k", "t")
                    .post(
                            exotel.connectUrl(true),
                            "From",
                            CUSTOMER,
                            "CallerId",
                            EXOPHONE,
                            "Url",
                            "http://my.exotel.com/" + exotel.accountSid() + "/exoml/start_voice/7",
                            "TimeOut",
                            "1",
                            "StatusCallback",
                            receiver.url("/status")));
            assertThat(exotel.call(sid).orElseThrow().awaitEnd(WAIT)).isTrue();
            assertThat(receiver.next().form()).containsEntry("Status", "no-answer");
        }
    }

    @Test
    void retriesACallbackTheReceiverFailedTwice() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver();
                ExotelApiStandIn exotel = ExotelApiStandIn.builder()
                        .ringDelay(Duration.ofMillis(20))
                        .callbackRetries(2, Duration.ofMillis(50))
                        .start()) {
            exotel.callees().defaultOutcome(CalleeOutcome.FAILED);
            receiver.failNext(2);
            String sid = sid(new ApiClient("k", "t")
                    .post(
                            exotel.connectUrl(true),
                            "From",
                            CUSTOMER,
                            "To",
                            "+919812345678",
                            "CallerId",
                            EXOPHONE,
                            "StatusCallback",
                            receiver.url("/status"),
                            "StatusCallbackContentType",
                            "application/json",
                            "StatusCallbackEvents",
                            "terminal"));
            StandInCall call = exotel.call(sid).orElseThrow();
            assertThat(call.awaitCallbacks(WAIT)).isTrue();
            assertThat(receiver.received()).isEqualTo(3);
            CallbackDelivery delivery = call.callbacks().getFirst();
            assertThat(delivery.attempts()).isEqualTo(3);
            assertThat(delivery.delivered()).isTrue();
            assertThat(call.status()).isEqualTo("failed");
        }
    }

    private static String sid(ApiClient.Result response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("Call").path("Sid").asString();
    }
}
