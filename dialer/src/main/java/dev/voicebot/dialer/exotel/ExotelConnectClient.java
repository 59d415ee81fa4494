package dev.voicebot.dialer.exotel;

import dev.voicebot.dialer.exotel.ExotelApiException.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Exotel's Connect API ({@code POST /v1/Accounts/{sid}/Calls/connect.json}, form-encoded, HTTP
 * Basic with the API key and token). One attempt per call of {@link #connect}: retries and pacing
 * belong to {@link dev.voicebot.dialer.call.PacedConnector}. Never logs the key, the token or a
 * number.
 */
public class ExotelConnectClient {

    private static final long MAX_BODY_BYTES = 256 * 1024;

    private final OkHttpClient http;
    private final ExotelAccount account;

    public ExotelConnectClient(OkHttpClient http, ExotelAccount account) {
        this.http = http;
        this.account = account;
    }

    public ExotelAccount account() {
        return account;
    }

    /**
     * Places one call.
     *
     * @throws ExotelApiException when Exotel refuses, fails, or cannot be reached
     * @throws ExotelNotConfiguredException when the account settings are incomplete
     */
    public ExotelCall connect(ConnectRequest request) {
        account.requireConfigured();
        FormBody.Builder form = new FormBody.Builder(StandardCharsets.UTF_8);
        for (ConnectRequest.FormField field : request.formFields(account.numberStyle())) {
            form.add(field.name(), field.value());
        }
        Request httpRequest = new Request.Builder()
                .url(connectUrl())
                .header(
                        "Authorization",
                        Credentials.basic(account.apiKey(), account.apiToken(), StandardCharsets.UTF_8))
                .header("Accept", "application/json")
                .post(form.build())
                .build();
        try (Response response = http.newCall(httpRequest).execute()) {
            String body = response.peekBody(MAX_BODY_BYTES).string();
            if (response.isSuccessful()) {
                ExotelResponses.CallFields call = ExotelResponses.call(body);
                if (call == null) {
                    throw new ExotelApiException(
                            Kind.BAD_RESPONSE,
                            response.code(),
                            null,
                            ExotelResponses.error(body).message(),
                            null,
                            null);
                }
                return new ExotelCall(call.sid(), call.status(), response.code());
            }
            ExotelResponses.ErrorFields error = ExotelResponses.error(body);
            throw new ExotelApiException(
                    kindOf(response.code()),
                    response.code(),
                    error.code(),
                    error.message(),
                    retryAfter(response.header("Retry-After")),
                    null);
        } catch (ConnectException | UnknownHostException | NoRouteToHostException e) {
            throw new ExotelApiException(Kind.UNREACHABLE, 0, null, e.getClass().getSimpleName(), null, e);
        } catch (InterruptedIOException e) {
            throw new ExotelApiException(Kind.TIMEOUT, 0, null, "no answer within the time-out", null, e);
        } catch (IOException e) {
            throw new ExotelApiException(
                    Kind.CONNECTION_LOST, 0, null, e.getClass().getSimpleName(), null, e);
        }
    }

    /** {@code {base}/v1/Accounts/{sid}/Calls/connect.json}, with the sid path-encoded. */
    HttpUrl connectUrl() {
        HttpUrl base = HttpUrl.parse(account.baseUrl().strip());
        if (base == null) {
            throw new ExotelNotConfiguredException("EXOTEL_API_BASE_URL is not an http(s) URL");
        }
        return base.newBuilder()
                .addPathSegment("v1")
                .addPathSegment("Accounts")
                .addPathSegment(account.sid().strip())
                .addPathSegment("Calls")
                .addPathSegment("connect.json")
                .build();
    }

    static Kind kindOf(int status) {
        return switch (status) {
            case 401 -> Kind.UNAUTHORIZED;
            case 402 -> Kind.PAYMENT_REQUIRED;
            case 403 -> Kind.FORBIDDEN;
            case 429 -> Kind.RATE_LIMITED;
            default -> status >= 500 ? Kind.SERVER_ERROR : Kind.REJECTED;
        };
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.strip());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
