package dev.voicebot.simulator.connect;

import dev.voicebot.common.privacy.Redact;
import dev.voicebot.simulator.CallConnectException;
import dev.voicebot.simulator.CallIdentity;
import dev.voicebot.simulator.SimulatedCall;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays one accepted call the way Exotel would: rings the callee, applies its outcome, opens the bot's socket
 * (a {@link SimulatedCall} carrying the call's numbers and sid), lets the callee follow its script, ends the call
 * when someone hangs up or {@code TimeLimit} runs out, and sends the status callbacks.
 */
final class CallRunner implements Runnable {

    /** Exotel's longest call (4 h) when the request sets no {@code TimeLimit}. */
    static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(ConnectRequestParser.MAX_TIME_LIMIT_SECONDS);

    private static final Logger LOG = LoggerFactory.getLogger(CallRunner.class);

    private final StandInCall call;
    private final ConnectRequest request;
    private final StandInSettings settings;
    private final Callees callees;
    private final StatusCallbacks callbacks;
    private final Consumer<StandInCall> onEnded;
    private SimulatedCall socket;

    CallRunner(
            StandInCall call,
            StandInSettings settings,
            Callees callees,
            StatusCallbacks callbacks,
            Consumer<StandInCall> onEnded) {
        this.call = call;
        this.request = call.request();
        this.settings = settings;
        this.callees = callees;
        this.callbacks = callbacks;
        this.onEnded = onEnded;
    }

    @Override
    public void run() {
        try {
            place();
        } catch (InterruptedException e) {
            // the stand-in is shutting down: hang up without callbacks
            Thread.interrupted();
            closeSocket();
            call.end("completed", "canceled", Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("call {}: the simulation failed: {}", call.sid(), e.toString(), e);
            closeSocket();
            finish("failed", "failed");
        } finally {
            call.runnerDone();
            onEnded.accept(call);
        }
    }

    private void place() throws InterruptedException {
        boolean twoNumbers = request.mode() == ConnectMode.TWO_NUMBERS;
        if (request.subscribed("ringing")) {
            callbacks.send(call, "ringing");
        }
        CalleeOutcome outcome = callees.nextOutcome(request.callee());
        if (twoNumbers) {
            // From is the bot's ExoPhone: its flow answers at once
            call.legAnswered(0, false, Instant.now());
            if (settings.socketOpening() == SocketOpening.EXOPHONE_ANSWER && !openSocket()) {
                return;
            }
        }
        outcome = ring(outcome);
        if (outcome != CalleeOutcome.ANSWER) {
            closeSocket();
            finish(outcome.callStatus(), outcome.callStatus());
            return;
        }
        call.legAnswered(twoNumbers ? 1 : 0, true, Instant.now());
        if (request.subscribed("answered")) {
            callbacks.send(call, "answered");
        }
        if (socket == null && !openSocket()) {
            return;
        }
        new CalleeConversation(socket, callees.scriptFor(request.callee()))
                .run(request.timeLimit().orElse(DEFAULT_TIME_LIMIT));
        closeSocket();
        finish("completed", "canceled");
    }

    /** Waits while the number rings; one that rings past {@code TimeOut} is unanswered. */
    private CalleeOutcome ring(CalleeOutcome outcome) throws InterruptedException {
        Duration delay = settings.ringDelay();
        Optional<Duration> timeout = request.ringTimeout();
        if (timeout.isPresent() && delay.compareTo(timeout.get()) > 0) {
            Thread.sleep(timeout.get());
            return outcome == CalleeOutcome.ANSWER ? CalleeOutcome.NO_ANSWER : outcome;
        }
        Thread.sleep(delay);
        return outcome;
    }

    private boolean openSocket() {
        String url = request.streamUrl().orElse(settings.voicebotUrl());
        String socketSid =
                request.mode() == ConnectMode.TWO_NUMBERS && settings.socketCallSid() == SocketCallSid.DISTINCT_LEG_SID
                        ? CallIdentity.randomSid()
                        : call.sid();
        boolean exophoneFirst = settings.startNumbers() == StartNumbers.EXOPHONE_TO_CALLEE;
        try {
            socket = SimulatedCall.builder(url)
                    .callSid(socketSid)
                    .accountSid(settings.accountSid())
                    .from(exophoneFirst ? request.callerId() : request.callee())
                    .to(exophoneFirst ? request.callee() : request.callerId())
                    .recordAudio(settings.recordAudio())
                    .connect();
        } catch (CallConnectException | IllegalArgumentException e) {
            LOG.warn("call {}: the bot's socket could not be opened: {}", call.sid(), e.getMessage());
            closeSocket();
            finish("failed", "failed");
            return false;
        }
        call.socketOpened(socketSid, socket);
        return true;
    }

    private void closeSocket() {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            LOG.debug("call {}: {}", call.sid(), e.getMessage());
        }
    }

    private void finish(String status, String unansweredLegStatus) {
        call.end(status, unansweredLegStatus, Instant.now());
        LOG.info(
                "call {} to {} ended: {}, {} s connected",
                call.sid(),
                Redact.phone(request.callee()),
                status,
                call.snapshot().conversationSeconds());
        callbacks.send(call, "terminal");
    }
}
