package dev.voicebot.simulator.connect;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.xml.parsers.DocumentBuilderFactory;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of the stand-in as a dialer would be: OkHttp, form bodies, HTTP Basic. */
final class ApiClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A response, read whole. */
    record Result(int status, String contentType, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        Document xml() throws Exception {
            return DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        }

        /** The text of the first element called {@code tag} in an XML body. */
        String xmlText(String tag) throws Exception {
            return xml().getElementsByTagName(tag).item(0).getTextContent();
        }
    }

    private final OkHttpClient http;
    private final String credentials;

    ApiClient(String key, String token) {
        this(key, token, Duration.ofSeconds(10));
    }

    ApiClient(String key, String token, Duration readTimeout) {
        this.http = new OkHttpClient.Builder().readTimeout(readTimeout).build();
        this.credentials = key == null ? null : Credentials.basic(key, token);
    }

    /** POSTs {@code nameValues} (name, value, name, value …) url-encoded. */
    Result post(String url, String... nameValues) throws IOException {
        FormBody.Builder form = new FormBody.Builder();
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            form.add(nameValues[i], nameValues[i + 1]);
        }
        return send(new Request.Builder().url(url).post(form.build()));
    }

    Result post(String url, RequestBody body) throws IOException {
        return send(new Request.Builder().url(url).post(body));
    }

    Result get(String url) throws IOException {
        return send(new Request.Builder().url(url).get());
    }

    private Result send(Request.Builder request) throws IOException {
        if (credentials != null) {
            request.header("Authorization", credentials);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            String type = response.header("Content-Type", "");
            return new Result(
                    response.code(),
                    type,
                    response.body() == null ? "" : response.body().string());
        }
    }
}
