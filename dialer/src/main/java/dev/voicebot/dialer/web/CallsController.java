package dev.voicebot.dialer.web;

import dev.voicebot.dialer.call.CallOrder;
import dev.voicebot.dialer.call.CallService;
import dev.voicebot.dialer.call.PlacedCall;
import dev.voicebot.dialer.config.DialerProperties;
import dev.voicebot.dialer.exotel.ConnectMode;
import dev.voicebot.dialer.phone.PhoneNumbers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The call API: the seed's {@code POST /start}, the richer {@code POST /calls}, and {@code GET /calls/{sid}}. */
@RestController
@Tag(name = "calls", description = "Outbound calls through Exotel's Connect API")
public class CallsController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_VARIABLES = 50;
    private static final int MAX_VARIABLE_NAME = 64;
    private static final int MAX_VARIABLE_VALUE = 1000;

    private final CallService calls;
    private final ConnectMode defaultMode;
    private final Duration maxQueueWait;

    public CallsController(CallService calls, DialerProperties properties) {
        this.calls = calls;
        this.defaultMode = ConnectMode.fromWire(properties.mode());
        this.maxQueueWait = properties.rate().maxQueueWait();
    }

    @PostMapping(path = "/start", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Place a call the seed's way",
            description = "Calls the number in the configured mode (DIALER_MODE). 400 when dialout_settings or"
                    + " phone_number is missing or the number is invalid (nothing is sent to Exotel); 502/503/504"
                    + " with Exotel's own message when Exotel refuses or fails.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = StartRequest.class))),
            responses = {
                @ApiResponse(responseCode = "200", description = "Exotel accepted the call"),
                @ApiResponse(
                        responseCode = "400",
                        description = "Missing field or invalid number",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "401",
                        description = "Missing or wrong bearer key",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "429",
                        description = "Over the Connect rate; see Retry-After",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "502",
                        description = "Exotel refused the call (its message in detail)",
                        content = @Content(mediaType = "application/problem+json"))
            })
    public StartResponse start(
            HttpServletRequest servletRequest,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        StartRequest request = JsonBodies.read(servletRequest, StartRequest.class);
        if (request.dialoutSettings() == null) {
            throw new InvalidRequestException(
                    "dialout_settings is required: {\"dialout_settings\":{\"phone_number\":\"+91…\"}}");
        }
        String number = request.dialoutSettings().phoneNumber();
        if (number == null || number.isBlank()) {
            throw new InvalidRequestException("dialout_settings.phone_number is required");
        }
        CallOrder order = CallOrder.simple(PhoneNumbers.toE164(number), defaultMode);
        PlacedCall call = calls.place(order, blankToNull(idempotencyKey), maxQueueWait);
        return new StartResponse(call.callSid(), "call_initiated", call.phoneNumber());
    }

    @PostMapping(path = "/calls", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Place a call",
            description = "Mode, variables for the bot, caller id, time limit, recording and an idempotency key"
                    + " (Idempotency-Key header or idempotency_key field). A repeated key returns the first call"
                    + " with replayed=true; the same key for a different call gets 422.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = CallRequest.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Exotel accepted the call"),
                @ApiResponse(
                        responseCode = "400",
                        description = "Invalid request or number; nothing sent to Exotel",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "401",
                        description = "Missing or wrong bearer key",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "422",
                        description = "Idempotency key reused for a different call",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "429",
                        description = "Over the Connect rate; see Retry-After",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "502",
                        description = "Exotel refused the call (its message in detail)",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "504",
                        description = "Exotel did not answer; the call may have been placed",
                        content = @Content(mediaType = "application/problem+json"))
            })
    public ResponseEntity<CallResponse> placeCall(
            HttpServletRequest servletRequest,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKeyHeader) {
        CallRequest request = JsonBodies.read(servletRequest, CallRequest.class);
        if (request.phoneNumber() == null || request.phoneNumber().isBlank()) {
            throw new InvalidRequestException("phone_number is required");
        }
        String headerKey = blankToNull(idempotencyKeyHeader);
        String bodyKey = blankToNull(request.idempotencyKey());
        if (headerKey != null && bodyKey != null && !headerKey.equals(bodyKey)) {
            throw new InvalidRequestException("the Idempotency-Key header and idempotency_key differ; send one");
        }
        CallOrder order = new CallOrder(
                PhoneNumbers.toE164(request.phoneNumber()),
                request.mode() == null || request.mode().isBlank() ? defaultMode : ConnectMode.fromWire(request.mode()),
                variables(request.variables()),
                request.callerId() == null || request.callerId().isBlank()
                        ? null
                        : PhoneNumbers.toE164(request.callerId()),
                timeLimit(request.timeLimitSeconds()),
                request.record(),
                blankToNull(request.flowAppId()),
                null,
                null);
        PlacedCall call = calls.place(order, headerKey != null ? headerKey : bodyKey, maxQueueWait);
        return ResponseEntity.created(URI.create("/calls/" + call.callSid()))
                .header("Idempotent-Replayed", Boolean.toString(call.replayed()))
                .body(CallResponse.of(call));
    }

    @GetMapping(path = "/calls/{sid}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "What the dialer knows about a call",
            description = "The request, correlation id and every status callback. Calls are kept in memory for"
                    + " 24 h (DIALER_CALLS_RETENTION); 404 for calls the dialer did not place or no longer keeps.")
    public CallView call(@PathVariable String sid) {
        return calls.find(sid)
                .map(CallView::of)
                .orElseThrow(() -> new NotFoundException("no call " + sid
                        + " is known to this dialer (it keeps calls it placed for a limited time, in memory)"));
    }

    private static Map<String, String> variables(Map<String, String> variables) {
        if (variables == null) {
            return Map.of();
        }
        if (variables.size() > MAX_VARIABLES) {
            throw new InvalidRequestException("at most " + MAX_VARIABLES + " variables");
        }
        Map<String, String> checked = new LinkedHashMap<>();
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            String name = variable.getKey().strip();
            if (name.isEmpty() || name.length() > MAX_VARIABLE_NAME) {
                throw new InvalidRequestException("variable names have 1-" + MAX_VARIABLE_NAME + " characters");
            }
            String value = variable.getValue() == null ? "" : variable.getValue();
            if (value.length() > MAX_VARIABLE_VALUE) {
                throw new InvalidRequestException(
                        "variable '" + name + "' is longer than " + MAX_VARIABLE_VALUE + " characters");
            }
            checked.put(name, value);
        }
        return checked;
    }

    private static Integer timeLimit(Integer seconds) {
        if (seconds != null && (seconds < 1 || seconds > 14_400)) {
            throw new InvalidRequestException("time_limit_seconds must be 1-14400 (Exotel's limit is 4 hours)");
        }
        return seconds;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
