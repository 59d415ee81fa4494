package dev.voicebot.stt.call;

import dev.voicebot.common.event.VoicebotEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Keeps what a session publishes, in order, for tests without a broker. */
final class CollectingSink implements SpeechSink {

    record Published(VoicebotEvent event, EventTiming timing) {}

    private final List<Published> published = new ArrayList<>();

    @Override
    public synchronized void publish(VoicebotEvent event, EventTiming timing) {
        published.add(new Published(event, timing));
        notifyAll();
    }

    synchronized List<Published> published() {
        return List.copyOf(published);
    }

    synchronized List<VoicebotEvent> events() {
        return published.stream().map(Published::event).toList();
    }

    synchronized <T extends VoicebotEvent> List<T> events(Class<T> type) {
        return published.stream()
                .map(Published::event)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** Waits until {@code count} events match. */
    synchronized void awaitCount(Predicate<VoicebotEvent> condition, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (published.stream().map(Published::event).filter(condition).count() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(
                        "expected " + count + " matching events within " + timeout + ", got " + events());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
