package dev.voicebot.simulator.connect;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends status callbacks as Exotel does: an asynchronous POST per event, {@code multipart/form-data} unless the
 * request asked for JSON, no signature, retried up to twice when the receiver does not answer 2xx (Exotel's
 * developer portal, "Webhooks & Callbacks"). A call's callbacks go out in order, one at a time; calls do not wait
 * for each other.
 */
final class StatusCallbacks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusCallbacks.class);

    private final StatusCallbackPayload payload;
    private final int retries;
    private final Duration retryDelay;
    private final Duration timeout;
    private final HttpClient client;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    StatusCallbacks(StatusCallbackPayload payload, int retries, Duration retryDelay, Duration timeout) {
        this.payload = payload;
        this.retries = retries;
        this.retryDelay = retryDelay;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Queues the {@code event} callback with the call's state as it is now, if the request gave a URL. */
    void send(StandInCall call, String event) {
        Optional<URI> url = call.request().statusCallback();
        if (url.isEmpty()) {
            return;
        }
        ObjectNode body = payload.build(call.snapshot(), event);
        call.chainCallback(() -> call.callbackDone(deliver(call, url.get(), event, body)), executor);
    }

    private CallbackDelivery deliver(StandInCall call, URI url, String event, ObjectNode body) {
        HttpRequest request = request(url, call.request().callbackFormat(), body);
        int attempts = 0;
        OptionalInt status = OptionalInt.empty();
        Optional<String> error = Optional.empty();
        while (attempts <= retries) {
            if (attempts > 0 && !pause()) {
                break;
            }
            attempts++;
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                status = OptionalInt.of(response.statusCode());
                error = Optional.empty();
                if (response.statusCode() / 100 == 2) {
                    break;
                }
            } catch (IOException e) {
                status = OptionalInt.empty();
                error = Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = Optional.of("interrupted");
                break;
            }
        }
        CallbackDelivery delivery = new CallbackDelivery(event, attempts, status, error);
        if (!delivery.delivered()) {
            LOG.warn(
                    "call {}: {} callback to {}{} failed after {} attempt(s): {}",
                    call.sid(),
                    event,
                    url.getHost(),
                    url.getRawPath(),
                    attempts,
                    error.orElse("HTTP " + status.orElse(-1)));
        }
        return delivery;
    }

    private HttpRequest request(URI url, CallbackFormat format, ObjectNode body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(timeout);
        if (format == CallbackFormat.JSON) {
            return builder.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                    .build();
        }
        MultipartForm.Encoded encoded = MultipartForm.encode(StatusCallbackPayload.formFields(body));
        return builder.header("Content-Type", encoded.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(encoded.body()))
                .build();
    }

    private boolean pause() {
        try {
            Thread.sleep(retryDelay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        client.close();
    }
}
