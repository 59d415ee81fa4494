package dev.voicebot.simulator.connect;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request the stand-in received, whatever it answered, for tests to assert on what a client sent. Credentials
 * are left out: no {@code Authorization} header, only whether they were accepted.
 *
 * @param at when it arrived
 * @param method the HTTP method
 * @param path the raw path, e.g. {@code /v1/Accounts/acme/Calls/connect.json}
 * @param query the URL's query parameters (e.g. {@code details=true})
 * @param headers request headers without credentials
 * @param form the form body's fields (url-encoded or multipart), empty for other bodies
 * @param authenticated whether the Basic credentials were accepted
 * @param responseStatus what the stand-in answered
 * @param callSid the Sid of the call it created, for an accepted Connect request
 */
public record RecordedApiRequest(
        Instant at,
        String method,
        String path,
        FormData query,
        Map<String, List<String>> headers,
        FormData form,
        boolean authenticated,
        int responseStatus,
        Optional<String> callSid) {

    /** The first value of a header, matched without regard to case. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().getFirst())
                .findFirst();
    }

    public boolean isConnect() {
        return method.equals("POST") && path.matches(".*/Calls/connect(\\.json)?/?");
    }
}
