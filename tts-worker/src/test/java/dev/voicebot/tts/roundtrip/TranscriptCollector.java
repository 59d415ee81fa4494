package dev.voicebot.tts.roundtrip;

import dev.voicebot.stt.recognizer.RecognitionEvent;
import dev.voicebot.stt.recognizer.RecognitionListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Collects one recognition session's events until its terminal event. */
final class TranscriptCollector implements RecognitionListener {

    private final List<RecognitionEvent> events = new ArrayList<>();
    private final CountDownLatch terminated = new CountDownLatch(1);

    @Override
    public synchronized void onEvent(RecognitionEvent event) {
        events.add(event);
        if (event.terminal()) {
            terminated.countDown();
        }
    }

    /** The session's final transcript; empty when the recognizer rejected the audio or failed. */
    Optional<RecognitionEvent.FinalTranscript> awaitFinal(Duration timeout) throws InterruptedException {
        if (!terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the recognition session did not end within " + timeout + "; events " + events());
        }
        return events().stream()
                .filter(RecognitionEvent.FinalTranscript.class::isInstance)
                .map(RecognitionEvent.FinalTranscript.class::cast)
                .findFirst();
    }

    synchronized List<RecognitionEvent> events() {
        return List.copyOf(events);
    }
}
