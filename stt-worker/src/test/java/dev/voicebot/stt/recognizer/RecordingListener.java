package dev.voicebot.stt.recognizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Collects a session's events and checks the contract's rules about terminal events as they come. */
public final class RecordingListener implements RecognitionListener {

    private final List<RecognitionEvent> events = new ArrayList<>();
    private final CountDownLatch terminal = new CountDownLatch(1);
    private int terminals;
    private boolean afterTerminal;

    @Override
    public synchronized void onEvent(RecognitionEvent event) {
        if (terminals > 0) {
            afterTerminal = true;
        }
        events.add(event);
        if (event.terminal()) {
            terminals++;
            terminal.countDown();
        }
        notifyAll();
    }

    public RecognitionEvent awaitTerminal(Duration timeout) throws InterruptedException {
        assertThat(terminal.await(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .as("a terminal event within %s; got %s", timeout, events())
                .isTrue();
        return events().stream().filter(RecognitionEvent::terminal).findFirst().orElseThrow();
    }

    /** Waits until an event matching {@code condition} arrived and returns it. */
    public synchronized <T extends RecognitionEvent> T await(Class<T> type, Predicate<T> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (RecognitionEvent event : events) {
                if (type.isInstance(event) && condition.test(type.cast(event))) {
                    return type.cast(event);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(
                        "no " + type.getSimpleName() + " as expected within " + timeout + "; got " + events);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    public <T extends RecognitionEvent> T await(Class<T> type, Duration timeout) throws InterruptedException {
        return await(type, event -> true, timeout);
    }

    public synchronized List<RecognitionEvent> events() {
        return List.copyOf(events);
    }

    public synchronized <T extends RecognitionEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Exactly one terminal event so far, and nothing after it. */
    public synchronized void assertOneTerminalLast() {
        assertThat(terminals).as("terminal events in %s", events).isEqualTo(1);
        assertThat(afterTerminal)
                .as("events after the terminal one in %s", events)
                .isFalse();
        assertThat(events.getLast().terminal()).isTrue();
    }
}
