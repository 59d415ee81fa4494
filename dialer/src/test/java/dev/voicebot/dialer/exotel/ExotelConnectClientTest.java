package dev.voicebot.dialer.exotel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.dialer.exotel.ExotelApiException.Kind;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Connect client against a local server speaking Exotel's documented responses. */
class ExotelConnectClientTest {

    static final String EXOPHONE = "+918047100000";
    static final String CUSTOMER = "+919876543210";
    static final String CALLBACK = "https://dialer.example.com/exotel/status-callback/secret-token-123456";

    private final MockWebServer server = new MockWebServer();
    private ExotelConnectClient client;

    @BeforeEach
    void start() throws IOException {
        server.start();
        client = client(server.url("/").toString(), NumberStyle.E164, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private static ExotelConnectClient client(String baseUrl, NumberStyle style, Duration readTimeout) {
        OkHttpClient http = new OkHttpClient.Builder()
                .readTimeout(readTimeout)
                .retryOnConnectionFailure(false)
                .build();
        return new ExotelConnectClient(
                http, new ExotelAccount(baseUrl, "AC123", "api-key", "api-token", EXOPHONE, style));
    }

    static ConnectRequest twoNumbers() {
        return new ConnectRequest(
                ConnectMode.TWO_NUMBERS,
                CUSTOMER,
                EXOPHONE,
                EXOPHONE,
                null,
                null,
                600,
                true,
                CALLBACK,
                true,
                "vb0123456789abcdef0123456789ab");
    }

    @Test
    void twoNumbersSendsTheSeedsFieldsPlusCallbacksAndCorrelation() throws Exception {
        server.enqueue(json(200, "{\"Call\":{\"Sid\":\"c0ffee\",\"Status\":\"in-progress\"}}"));

        ExotelCall call = client.connect(twoNumbers());

        assertThat(call).isEqualTo(new ExotelCall("c0ffee", "in-progress", 200));
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/v1/Accounts/AC123/Calls/connect.json");
        assertThat(request.getHeader("Authorization"))
                .isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString("api-key:api-token".getBytes(StandardCharsets.UTF_8)));
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.getBody().readUtf8())
                .isEqualTo("From=%2B918047100000&To=%2B919876543210&CallerId=%2B918047100000&CallType=trans"
                        + "&TimeLimit=600&Record=true"
                        + "&StatusCallback=https%3A%2F%2Fdialer.example.com%2Fexotel%2Fstatus-callback%2Fsecret-token-123456"
                        + "&StatusCallbackEvents%5B0%5D=answered&StatusCallbackEvents%5B1%5D=terminal"
                        + "&StatusCallbackContentType=application%2Fjson"
                        + "&CustomField=vb0123456789abcdef0123456789ab");
    }

    @Test
    void flowModeCallsTheCustomerIntoTheFlowAndNeverSendsTo() throws Exception {
        server.enqueue(json(200, "{\"Call\":{\"Sid\":\"f1\"}}"));
        String flow = "http://my.exotel.com/AC123/exoml/start_voice/424242";

        client.connect(new ConnectRequest(
                ConnectMode.FLOW,
                CUSTOMER,
                EXOPHONE,
                EXOPHONE,
                flow,
                null,
                null,
                null,
                CALLBACK,
                true,
                "vb0123456789abcdef0123456789ab"));

        assertThat(server.takeRequest().getBody().readUtf8())
                .isEqualTo("From=%2B919876543210&CallerId=%2B918047100000"
                        + "&Url=http%3A%2F%2Fmy.exotel.com%2FAC123%2Fexoml%2Fstart_voice%2F424242&CallType=trans"
                        + "&StatusCallback=https%3A%2F%2Fdialer.example.com%2Fexotel%2Fstatus-callback%2Fsecret-token-123456"
                        + "&StatusCallbackEvents%5B0%5D=answered&StatusCallbackEvents%5B1%5D=terminal"
                        + "&CustomField=vb0123456789abcdef0123456789ab");
    }

    @Test
    void voiceAiStreamsToTheGatewayBidirectionally() throws Exception {
        server.enqueue(json(200, "{\"Call\":{\"Sid\":\"v1\"}}"));
        String stream = "wss://gw.example.com/ws?sample-rate=8000&correlation_id=vb0123456789abcdef0123456789ab";

        client.connect(new ConnectRequest(
                ConnectMode.VOICE_AI,
                CUSTOMER,
                EXOPHONE,
                "+918047100001",
                null,
                stream,
                120,
                false,
                CALLBACK,
                true,
                "vb0123456789abcdef0123456789ab"));

        assertThat(server.takeRequest().getBody().readUtf8())
                .isEqualTo("From=%2B919876543210&CallerId=%2B918047100001"
                        + "&StreamUrl=wss%3A%2F%2Fgw.example.com%2Fws%3Fsample-rate%3D8000%26correlation_id%3Dvb0123456789abcdef0123456789ab"
                        + "&StreamType=bidirectional&TimeLimit=120&Record=false"
                        + "&StatusCallback=https%3A%2F%2Fdialer.example.com%2Fexotel%2Fstatus-callback%2Fsecret-token-123456"
                        + "&StatusCallbackEvents%5B0%5D=answered&StatusCallbackEvents%5B1%5D=terminal"
                        + "&CustomField=vb0123456789abcdef0123456789ab");
    }

    @Test
    void nationalStyleWritesIndianNumbersZeroPrefixed() throws Exception {
        server.enqueue(json(200, "{\"Call\":{\"Sid\":\"n1\"}}"));
        client = client(server.url("/").toString(), NumberStyle.NATIONAL, Duration.ofSeconds(5));

        client.connect(new ConnectRequest(
                ConnectMode.TWO_NUMBERS, CUSTOMER, EXOPHONE, EXOPHONE, null, null, null, null, null, false, null));

        assertThat(server.takeRequest().getBody().readUtf8())
                .isEqualTo("From=08047100000&To=09876543210&CallerId=08047100000&CallType=trans");
    }

    @Test
    void aBaseUrlWithAPathAndTrailingSlashStillGetsTheJsonPath() throws Exception {
        server.enqueue(json(200, "{\"Call\":{\"Sid\":\"p1\"}}"));
        client = client(server.url("/exotel/").toString(), NumberStyle.E164, Duration.ofSeconds(5));
        client.connect(twoNumbers());
        assertThat(server.takeRequest().getPath()).isEqualTo("/exotel/v1/Accounts/AC123/Calls/connect.json");
    }

    @Test
    void readsTheCallInAnyLetterCase() {
        server.enqueue(json(200, "{\"call\":{\"sid\":\"lower\",\"status\":\"queued\"}}"));
        assertThat(client.connect(twoNumbers())).isEqualTo(new ExotelCall("lower", "queued", 200));
    }

    @Test
    void readsTwilioStyleXmlWhenTheServerIgnoresJson() {
        server.enqueue(new MockResponse()
                .setHeader("Content-Type", "application/xml")
                .setBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TwilioResponse><Call><Sid>xml-sid</Sid>"
                        + "<Status>in-progress</Status><Direction>outbound-api</Direction></Call></TwilioResponse>"));
        assertThat(client.connect(twoNumbers())).isEqualTo(new ExotelCall("xml-sid", "in-progress", 200));
    }

    @ParameterizedTest
    @CsvSource({
        "400, 34001, From number is invalid, REJECTED",
        "401, 20003, Authentication Failed, UNAUTHORIZED",
        "402, 20402, Insufficient balance, PAYMENT_REQUIRED",
        "403, 20403, Feature not enabled, FORBIDDEN",
        "404, 20404, Resource not found, REJECTED",
        "429, 20429, Too many requests, RATE_LIMITED",
        "500, 20500, Internal error, SERVER_ERROR",
    })
    void mapsRestExceptionsKeepingExotelsWords(int status, int code, String message, Kind kind) {
        server.enqueue(json(
                status,
                "{\"RestException\":{\"Status\":" + status + ",\"Code\":" + code + ",\"Message\":\"" + message
                        + "\"}}"));

        assertThatThrownBy(() -> client.connect(twoNumbers())).isInstanceOfSatisfying(ExotelApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.httpStatus()).isEqualTo(status);
            assertThat(e.exotelCode()).isEqualTo(code);
            assertThat(e.exotelMessage()).isEqualTo(message);
            assertThat(e.getMessage()).contains(message).contains(Integer.toString(status));
        });
    }

    @Test
    void readsRetryAfterOnA429() {
        server.enqueue(json(429, "{\"RestException\":{\"Status\":429,\"Message\":\"Rate limit exceeded\"}}")
                .setHeader("Retry-After", "7"));
        assertThatThrownBy(() -> client.connect(twoNumbers()))
                .isInstanceOfSatisfying(ExotelApiException.class, e -> assertThat(e.retryAfter())
                        .isEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void readsAnXmlRestException() {
        server.enqueue(new MockResponse()
                .setResponseCode(400)
                .setBody("<TwilioResponse><RestException><Status>400</Status><Code>34001</Code>"
                        + "<Message>To and Url cannot be sent together</Message></RestException></TwilioResponse>"));
        assertThatThrownBy(() -> client.connect(twoNumbers())).isInstanceOfSatisfying(ExotelApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.REJECTED);
            assertThat(e.exotelCode()).isEqualTo(34001);
            assertThat(e.exotelMessage()).isEqualTo("To and Url cannot be sent together");
        });
    }

    @Test
    void aServerErrorWithoutRestExceptionKeepsTheStartOfTheBody() {
        server.enqueue(
                new MockResponse().setResponseCode(503).setBody("<html><body>Service Unavailable</body></html>"));
        assertThatThrownBy(() -> client.connect(twoNumbers())).isInstanceOfSatisfying(ExotelApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
            assertThat(e.exotelMessage()).contains("Service Unavailable");
        });
    }

    @Test
    void aSuccessWithoutSidIsABadResponseWhoseOutcomeIsUnknown() {
        server.enqueue(json(200, "{\"Call\":{}}"));
        assertThatThrownBy(() -> client.connect(twoNumbers())).isInstanceOfSatisfying(ExotelApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
            assertThat(e.kind().outcomeUnknown()).isTrue();
        });
    }

    @Test
    void aSlowAnswerIsATimeOutWhoseOutcomeIsUnknown() {
        server.enqueue(json(200, "{\"Call\":{\"Sid\":\"late\"}}").setHeadersDelay(2, TimeUnit.SECONDS));
        client = client(server.url("/").toString(), NumberStyle.E164, Duration.ofMillis(300));
        assertThatThrownBy(() -> client.connect(twoNumbers())).isInstanceOfSatisfying(ExotelApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(e.kind().outcomeUnknown()).isTrue();
        });
    }

    @Test
    void aDroppedConnectionIsNotRetriedAndItsOutcomeIsUnknown() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        assertThatThrownBy(() -> client.connect(twoNumbers()))
                .isInstanceOfSatisfying(
                        ExotelApiException.class,
                        e -> assertThat(e.kind().outcomeUnknown()).isTrue());
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aClosedPortIsUnreachableAndCertainlyNotPlaced() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        client = client("http://127.0.0.1:" + port, NumberStyle.E164, Duration.ofSeconds(1));
        assertThatThrownBy(() -> client.connect(twoNumbers())).isInstanceOfSatisfying(ExotelApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
            assertThat(e.kind().outcomeUnknown()).isFalse();
        });
    }

    @Test
    void anIncompleteAccountIsRefusedBeforeAnythingIsSent() {
        ExotelConnectClient unconfigured = new ExotelConnectClient(
                new OkHttpClient(),
                new ExotelAccount(server.url("/").toString(), "", "k", "", EXOPHONE, NumberStyle.E164));
        assertThatThrownBy(() -> unconfigured.connect(twoNumbers()))
                .isInstanceOf(ExotelNotConfiguredException.class)
                .hasMessageContaining("EXOTEL_SID")
                .hasMessageContaining("EXOTEL_API_TOKEN");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void theAccountNeverShowsItsSecrets() {
        assertThat(new ExotelAccount(
                                "https://api.exotel.com", "AC1", "the-key", "the-token", EXOPHONE, NumberStyle.E164)
                        .toString())
                .doesNotContain("the-key")
                .doesNotContain("the-token");
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse()
                .setResponseCode(status)
                .setHeader("Content-Type", "application/json")
                .setBody(body);
    }
}
