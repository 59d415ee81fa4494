package dev.voicebot.simulator.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Connect to a flow: From is dialled, the flow's Voicebot applet opens the configured URL, then Hangup. */
class ConnectToFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String CUSTOMER = "09876543210";
    private static final String EXOPHONE = "+918047112345";

    @Test
    void answersInXmlAndRunsTheVoicebotFlowWithTheReturnedSid() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver();
                TalkingBot bot = TalkingBot.greeting();
                ExotelApiStandIn exotel = ExotelApiStandIn.builder()
                        .accountSid("acme1")
                        .voicebotUrl(bot.url("/ws?sample-rate=8000&flow=collections"))
                        .ringDelay(Duration.ofMillis(50))
                        .calleeScript(CalleeScript.listenThenHangUp()
                                .withTiming(Duration.ofSeconds(3), Duration.ofMillis(300), Duration.ofSeconds(5)))
                        .start()) {
            ApiClient.Result response = new ApiClient("any-key", "any-token")
                    .post(
                            exotel.connectUrl(false),
                            "From",
                            CUSTOMER,
                            "CallerId",
                            EXOPHONE,
                            "Url",
                            "http://my.exotel.com/acme1/exoml/start_voice/926345",
                            "CallType",
                            "trans",
                            "StatusCallback",
                            receiver.url("/status"),
                            "StatusCallbackEvents[0]",
                            "terminal");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.contentType()).startsWith("application/xml");
            assertThat(response.xml().getDocumentElement().getTagName()).isEqualTo("TwilioResponse");
            String sid = response.xmlText("Sid");
            assertThat(sid).matches("[0-9a-f]{32}");
            assertThat(response.xmlText("Status")).isEqualTo("in-progress");
            assertThat(response.xmlText("Direction")).isEqualTo("outbound-api");
            assertThat(response.xmlText("From")).isEqualTo(CUSTOMER);
            assertThat(response.xmlText("EndTime")).isEmpty();

            assertThat(bot.socket.takeRequest().getPath()).isEqualTo("/ws?sample-rate=8000&flow=collections");
            JsonNode start = bot.awaitStart().path("start");
            assertThat(start.path("call_sid").asString()).isEqualTo(sid);
            assertThat(start.path("from").asString()).isEqualTo(EXOPHONE);
            assertThat(start.path("to").asString()).isEqualTo(CUSTOMER);
            assertThat(start.path("custom_parameters").path("flow").asString()).isEqualTo("collections");
            assertThat(bot.stopReason.get(15, TimeUnit.SECONDS)).isEqualTo("callended");

            StandInCall call = exotel.call(sid).orElseThrow();
            assertThat(call.awaitEnd(WAIT)).isTrue();
            assertThat(call.mode()).isEqualTo(ConnectMode.FLOW);
            assertThat(call.request().flowAppId()).hasValue("926345");

            // StatusCallbackEvents do not apply to flow calls: only the default fields arrive
            CallbackReceiver.Callback terminal = receiver.next();
            assertThat(terminal.contentType()).startsWith("multipart/form-data");
            assertThat(terminal.form())
                    .containsOnlyKeys("CallSid", "Status", "RecordingUrl", "DateUpdated")
                    .containsEntry("CallSid", sid)
                    .containsEntry("Status", "completed")
                    .containsEntry("RecordingUrl", "");
        }
    }
}
