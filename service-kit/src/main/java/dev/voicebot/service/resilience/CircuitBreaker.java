package dev.voicebot.service.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops calling a provider that keeps failing, for one provider instance. Closed: every call goes
 * through and its outcome is counted. Open (after {@link BreakerSettings#consecutiveFailures} failures
 * in a row, or a failure rate of at least {@link BreakerSettings#failureRate} over the last {@link
 * BreakerSettings#window} outcomes): no call goes through, so callers go straight to their fallback.
 * After {@link BreakerSettings#openFor} one trial call goes through (half-open); its success closes
 * the breaker, its failure opens it again. A trial that never reports an outcome (cancelled) frees
 * the slot after another {@code openFor}. Thread-safe.
 *
 * <p>Only failures of the provider itself count (unreachable, timed out, 5xx, 429, refused key):
 * a request the provider rightly rejects, or one the caller cancelled, is neither.
 */
public final class CircuitBreaker {

    private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    /** Told of every state change, outside the breaker's lock. */
    @FunctionalInterface
    public interface Listener {
        void onStateChange(CircuitBreaker breaker, State from, State to);
    }

    private final String name;
    private final BreakerSettings settings;
    private final LongSupplier nanoClock;
    private final List<Listener> listeners = new ArrayList<>();
    private final boolean[] outcomes;
    private int recorded;
    private int next;
    private int failuresInWindow;
    private int consecutiveFailures;
    private State state = State.CLOSED;
    private long openedAtNanos;
    private long trialStartedAtNanos;
    private boolean trialInFlight;

    public CircuitBreaker(String name, BreakerSettings settings) {
        this(name, settings, System::nanoTime);
    }

    public CircuitBreaker(String name, BreakerSettings settings, LongSupplier nanoClock) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nanoClock = nanoClock;
        this.outcomes = new boolean[settings.window()];
    }

    /** What it guards, e.g. {@code tts/cartesia}. */
    public String name() {
        return name;
    }

    public synchronized State state() {
        return state;
    }

    public synchronized void addListener(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Whether a call may go to the provider now. In half-open state only one caller at a time gets
     * {@code true} (the trial); it must report {@link #onSuccess}, {@link #onFailure} or {@link
     * #onIgnored}.
     */
    public boolean tryAcquire() {
        Transition transition;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            switch (state) {
                case CLOSED -> {
                    return true;
                }
                case OPEN -> {
                    if (now - openedAtNanos < settings.openFor().toNanos()) {
                        return false;
                    }
                    transition = moveTo(State.HALF_OPEN);
                    startTrial(now);
                }
                case HALF_OPEN -> {
                    if (trialInFlight
                            && now - trialStartedAtNanos < settings.openFor().toNanos()) {
                        return false;
                    }
                    startTrial(now);
                    return true;
                }
                default -> throw new IllegalStateException(state.toString());
            }
        }
        transition.announce();
        return true;
    }

    /** The provider answered. */
    public void onSuccess() {
        Transition transition = null;
        synchronized (this) {
            consecutiveFailures = 0;
            switch (state) {
                case CLOSED -> record(false);
                case HALF_OPEN -> {
                    resetWindow();
                    transition = moveTo(State.CLOSED);
                }
                case OPEN -> {} // a call that started before the breaker opened: no news
            }
        }
        announce(transition);
    }

    /** The provider failed in a way that says it is unwell. */
    public void onFailure() {
        Transition transition = null;
        synchronized (this) {
            switch (state) {
                case CLOSED -> {
                    consecutiveFailures++;
                    record(true);
                    if (consecutiveFailures >= settings.consecutiveFailures() || rateExceeded()) {
                        transition = open();
                    }
                }
                case HALF_OPEN -> transition = open();
                case OPEN -> {}
            }
        }
        announce(transition);
    }

    /** The call ended without saying anything about the provider (cancelled, a bad request). */
    public synchronized void onIgnored() {
        if (state == State.HALF_OPEN) {
            trialInFlight = false;
        }
    }

    @Override
    public synchronized String toString() {
        return "CircuitBreaker[" + name + ", " + state + "]";
    }

    private Transition open() {
        openedAtNanos = nanoClock.getAsLong();
        trialInFlight = false;
        resetWindow();
        return moveTo(State.OPEN);
    }

    private void startTrial(long now) {
        trialInFlight = true;
        trialStartedAtNanos = now;
    }

    private void record(boolean failure) {
        if (recorded == outcomes.length) {
            if (outcomes[next]) {
                failuresInWindow--;
            }
        } else {
            recorded++;
        }
        outcomes[next] = failure;
        if (failure) {
            failuresInWindow++;
        }
        next = (next + 1) % outcomes.length;
    }

    private boolean rateExceeded() {
        return recorded == outcomes.length && failuresInWindow >= settings.failureRate() * recorded;
    }

    private void resetWindow() {
        recorded = 0;
        next = 0;
        failuresInWindow = 0;
        consecutiveFailures = 0;
    }

    private Transition moveTo(State to) {
        State from = state;
        state = to;
        return new Transition(from, to, List.copyOf(listeners));
    }

    private static void announce(Transition transition) {
        if (transition != null) {
            transition.announce();
        }
    }

    private final class Transition {
        private final State from;
        private final State to;
        private final List<Listener> listeners;

        Transition(State from, State to, List<Listener> listeners) {
            this.from = from;
            this.to = to;
            this.listeners = listeners;
        }

        void announce() {
            if (to == State.OPEN) {
                log.warn(
                        "{}: circuit open for {} s, calls go to the fallback",
                        name,
                        settings.openFor().toSeconds());
            } else {
                log.info("{}: circuit {} (was {})", name, to, from);
            }
            for (Listener listener : listeners) {
                listener.onStateChange(CircuitBreaker.this, from, to);
            }
        }
    }
}
