package dev.voicebot.dialer.call;

import dev.voicebot.common.event.CallStatusChanged;
import dev.voicebot.common.event.OutboundCallPlaced;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.EventRecords;
import dev.voicebot.common.kafka.Topics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Publishes the dialer's call events to {@link Topics#CALL_EVENTS}, keyed by call_sid. */
public class CallEventPublisher {

    private static final Logger log = LoggerFactory.getLogger(CallEventPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration ackTimeout;

    public CallEventPublisher(KafkaTemplate<String, byte[]> kafka, Duration ackTimeout) {
        this.kafka = kafka;
        this.ackTimeout = ackTimeout;
    }

    /**
     * Sends without waiting: the call is placed whatever Kafka does, so a failure is logged and
     * the API still answers with the call.
     */
    public void outboundPlaced(OutboundCallPlaced event) {
        send(event).whenComplete((result, failure) -> {
            if (failure != null) {
                log.error(
                        "could not publish call.outbound-placed for call {}: {}", event.callSid(), failure.toString());
            }
        });
    }

    /**
     * Sends and waits for the broker's acknowledgement, so a status callback is only confirmed to
     * Exotel once its event is stored.
     *
     * @throws IllegalStateException when the broker does not acknowledge in time
     */
    public void statusChanged(CallStatusChanged event) {
        try {
            send(event).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing call.status", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take call.status for call " + event.callSid(), e);
        }
    }

    private CompletableFuture<?> send(VoicebotEvent event) {
        try {
            return kafka.send(EventRecords.of(Topics.CALL_EVENTS, event, null));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
