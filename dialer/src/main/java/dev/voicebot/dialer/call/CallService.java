package dev.voicebot.dialer.call;

import dev.voicebot.common.event.OutboundCallPlaced;
import dev.voicebot.common.privacy.Redact;
import dev.voicebot.dialer.exotel.ConnectMode;
import dev.voicebot.dialer.exotel.ConnectRequest;
import dev.voicebot.dialer.exotel.ExotelAccount;
import dev.voicebot.dialer.exotel.ExotelApiException;
import dev.voicebot.dialer.exotel.ExotelCall;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places calls: builds the mode's Connect request, sends it at the account's pace, remembers the
 * call and publishes {@code call.outbound-placed} (with the call's variables) keyed by its CallSid.
 */
public class CallService {

    private static final Logger log = LoggerFactory.getLogger(CallService.class);

    private final PacedConnector connector;
    private final ExotelAccount account;
    private final ConnectTargets targets;
    private final CallbackSecrets secrets;
    private final CallRegistry registry;
    private final IdempotencyKeys idempotencyKeys;
    private final CallEventPublisher events;
    private final boolean statusCallbackJson;
    private final Clock clock;

    public CallService(
            PacedConnector connector,
            ExotelAccount account,
            ConnectTargets targets,
            CallbackSecrets secrets,
            CallRegistry registry,
            IdempotencyKeys idempotencyKeys,
            CallEventPublisher events,
            boolean statusCallbackJson,
            Clock clock) {
        this.connector = connector;
        this.account = account;
        this.targets = targets;
        this.secrets = secrets;
        this.registry = registry;
        this.idempotencyKeys = idempotencyKeys;
        this.events = events;
        this.statusCallbackJson = statusCallbackJson;
        this.clock = clock;
    }

    /**
     * Places a call, or returns the earlier result for a repeated idempotency key.
     *
     * @param idempotencyKey the client's key, or null
     * @param maxQueueWait how long the request may wait for a slot under the account's rate
     */
    public PlacedCall place(CallOrder order, String idempotencyKey, Duration maxQueueWait) {
        if (idempotencyKey == null) {
            return placeNow(order, maxQueueWait);
        }
        return idempotencyKeys.run(idempotencyKey, order.fingerprint(), () -> placeNow(order, maxQueueWait));
    }

    public Optional<CallRecord> find(String callSid) {
        return registry.bySid(callSid);
    }

    private PlacedCall placeNow(CallOrder order, Duration maxQueueWait) {
        account.requireConfigured();
        String correlationId = order.correlationId() != null ? order.correlationId() : secrets.newCorrelationId();
        ConnectRequest request = connectRequest(order, correlationId);
        ExotelCall call;
        try {
            call = connector.connect(request, maxQueueWait);
        } catch (ExotelApiException e) {
            log.warn(
                    "call to {} ({}, correlation {}) failed: {}",
                    Redact.phone(order.phoneNumber()),
                    order.mode(),
                    correlationId,
                    e.logMessage());
            throw e;
        }
        Instant placedAt = clock.instant();
        PlacedCall placed = new PlacedCall(
                call.sid(), correlationId, order.phoneNumber(), order.mode(), call.status(), placedAt, false);
        registry.add(new CallRecord(placed, request.callerId(), order.campaignId(), order.variables()));
        events.outboundPlaced(new OutboundCallPlaced(
                call.sid(),
                order.phoneNumber(),
                order.mode().wire(),
                order.variables(),
                order.campaignId(),
                placedAt.toEpochMilli()));
        log.info(
                "placed call {} to {} ({}, correlation {}{})",
                call.sid(),
                Redact.phone(order.phoneNumber()),
                order.mode(),
                correlationId,
                order.campaignId() == null ? "" : ", campaign " + order.campaignId());
        return placed;
    }

    private ConnectRequest connectRequest(CallOrder order, String correlationId) {
        ConnectMode mode = order.mode();
        return new ConnectRequest(
                mode,
                order.phoneNumber(),
                account.exoPhone(),
                order.callerId() != null ? order.callerId() : account.exoPhone(),
                mode == ConnectMode.FLOW ? targets.flowUrl(order.flowAppId()) : null,
                mode == ConnectMode.VOICE_AI ? targets.streamUrl(correlationId) : null,
                order.timeLimitSeconds(),
                order.record(),
                targets.statusCallbackUrl(),
                statusCallbackJson,
                correlationId);
    }
}
