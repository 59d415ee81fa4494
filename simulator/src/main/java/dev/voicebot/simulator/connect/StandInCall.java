package dev.voicebot.simulator.connect;

import dev.voicebot.simulator.SimulatedCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One call the stand-in accepted: its state as Exotel would report it, the bot's socket leg once it opens, and the
 * status callbacks sent. Thread-safe; read it from tests while the call runs.
 */
public final class StandInCall {

    private static final String IN_PROGRESS = "in-progress";

    private final String sid;
    private final String accountSid;
    private final ConnectRequest request;
    private final Instant created;
    private final List<LegState> legs = new ArrayList<>();
    private final List<CallbackDelivery> callbacks = new ArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CountDownLatch socketOpened = new CountDownLatch(1);
    private final CountDownLatch callbacksQueued = new CountDownLatch(1);
    private CompletableFuture<?> callbackChain = CompletableFuture.completedFuture(null);
    private String status = IN_PROGRESS;
    private Instant updated;
    private Instant answeredAt;
    private Instant endedAt;
    private String socketCallSid;
    private SimulatedCall socket;

    StandInCall(String sid, String accountSid, ConnectRequest request, Instant created) {
        this.sid = sid;
        this.accountSid = accountSid;
        this.request = request;
        this.created = created;
        this.updated = created;
        legs.add(new LegState(request.from()));
        request.to().ifPresent(to -> legs.add(new LegState(to)));
    }

    public String sid() {
        return sid;
    }

    public ConnectMode mode() {
        return request.mode();
    }

    public ConnectRequest request() {
        return request;
    }

    public synchronized String status() {
        return status;
    }

    public synchronized CallSnapshot snapshot() {
        Instant now = endedAt != null ? endedAt : Instant.now();
        List<CallLeg> legView = new ArrayList<>();
        for (int i = 0; i < legs.size(); i++) {
            legView.add(legs.get(i).view(i + 1, now));
        }
        return new CallSnapshot(
                sid,
                accountSid,
                request,
                status,
                created,
                updated,
                Optional.ofNullable(answeredAt),
                Optional.ofNullable(endedAt),
                legView);
    }

    /** The {@code call_sid} on the bot's socket, once it opened. */
    public synchronized Optional<String> socketCallSid() {
        return Optional.ofNullable(socketCallSid);
    }

    /** The bot's socket leg, once it opened: its timeline, turns and report. */
    public synchronized Optional<SimulatedCall> socket() {
        return Optional.ofNullable(socket);
    }

    public synchronized List<CallbackDelivery> callbacks() {
        return List.copyOf(callbacks);
    }

    /** Waits for the bot's socket to open; false on timeout or if the call ended without one. */
    public boolean awaitSocket(Duration timeout) throws InterruptedException {
        return socketOpened.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && socket().isPresent();
    }

    /** Waits for the call to end. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the call to end and every status callback to have been delivered or given up on. */
    public boolean awaitCallbacks(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!callbacksQueued.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        CompletableFuture<?> chain;
        synchronized (this) {
            chain = callbackChain;
        }
        try {
            chain.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return chain.isDone();
        }
    }

    public boolean ended() {
        return ended.getCount() == 0;
    }

    // ---- updates from the call's runner -------------------------------------------------------------------------

    synchronized void legAnswered(int index, boolean byPerson, Instant at) {
        LegState leg = legs.get(index);
        leg.answeredAt = at;
        leg.answeredBy = byPerson ? "Human" : "NA";
        if (byPerson) {
            answeredAt = at;
        }
        updated = at;
    }

    synchronized void socketOpened(String callSid, SimulatedCall call) {
        socketCallSid = callSid;
        socket = call;
        socketOpened.countDown();
    }

    /** Ends the call: answered legs complete, the others take {@code unansweredStatus}. */
    synchronized void end(String callStatus, String unansweredStatus, Instant at) {
        if (endedAt != null) {
            return;
        }
        for (LegState leg : legs) {
            leg.endedAt = at;
            leg.status = leg.answeredAt != null ? "completed" : unansweredStatus;
        }
        status = callStatus;
        endedAt = at;
        updated = at;
        ended.countDown();
        socketOpened.countDown();
    }

    synchronized void chainCallback(Runnable delivery, Executor executor) {
        callbackChain = callbackChain.handle((ok, error) -> null).thenRunAsync(delivery, executor);
    }

    /** The runner is done: every callback of the call has been queued. */
    void runnerDone() {
        callbacksQueued.countDown();
    }

    synchronized void callbackDone(CallbackDelivery delivery) {
        callbacks.add(delivery);
    }

    private static final class LegState {
        final String number;
        Instant answeredAt;
        Instant endedAt;
        String answeredBy = "NA";
        String status;

        LegState(String number) {
            this.number = number;
        }

        CallLeg view(int id, Instant now) {
            long seconds = answeredAt == null ? 0 : CallSnapshot.seconds(answeredAt, endedAt != null ? endedAt : now);
            return new CallLeg(id, number, status, answeredBy, seconds);
        }
    }
}
