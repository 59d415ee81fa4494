package dev.voicebot.dialer.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.dialer.support.DialerIntegrationTest;
import dev.voicebot.dialer.support.ExotelStandIn;
import dev.voicebot.dialer.support.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What the dialer logs at info level for a placed call, a call Exotel refuses with the number in
 * its message, its status callbacks and refused requests: numbers only masked, and none of the API
 * key, the Exotel token, the callback token or the gateway token in the stream URL.
 */
@ExtendWith(OutputCaptureExtension.class)
class DialerLogHygieneTest extends DialerIntegrationTest {

    @Test
    void callsLeaveNoNumberOrSecretInTheLog(CapturedOutput output) {
        String placed = uniqueNumber();
        HttpResponse<String> response = api.postJson(
                "/calls",
                "{\"phone_number\":\"" + placed + "\",\"mode\":\"voice-ai\",\"variables\":{\"name\":\"Asha\"}}");
        assertThat(response.statusCode()).isEqualTo(201);
        String callbackUrl = EXOTEL.receivedFor(placed).getFirst().form().get("StatusCallback");
        String callbackToken = callbackUrl.substring(callbackUrl.lastIndexOf('/') + 1);
        String callSid = DialerApiTest.json(response).get("call_sid").asString();
        Http exotel = new Http(api.baseUrl(), null);
        exotel.post(
                callbackUrl.substring(callbackUrl.indexOf("/exotel/")),
                "application/json",
                "{\"CallSid\":\"" + callSid + "\",\"Status\":\"completed\",\"From\":\"" + placed + "\"}");
        exotel.post("/exotel/status-callback/wrong-" + callbackToken, "application/json", "{\"CallSid\":\"x\"}");
        new Http(api.baseUrl(), "guessed-key-0042").get("/calls/" + callSid);

        String refused = uniqueNumber();
        EXOTEL.respondFor(
                refused, request -> ExotelStandIn.restException(400, 34001, "To number " + refused + " is invalid"));
        assertThat(api.postJson("/calls", "{\"phone_number\":\"" + refused + "\"}")
                        .statusCode())
                .isEqualTo(502);

        assertThat(output.getAll())
                .as("the calls were logged, masked")
                .contains("placed call " + callSid)
                .contains(placed.substring(0, 3) + "******" + placed.substring(placed.length() - 4));
        assertThat(output.getAll())
                .doesNotContain(placed.substring(3))
                .doesNotContain(refused.substring(3))
                .doesNotContain(API_KEY)
                .doesNotContain("guessed-key-0042")
                .doesNotContain(ExotelStandIn.TOKEN)
                .doesNotContain(callbackToken);
    }
}
