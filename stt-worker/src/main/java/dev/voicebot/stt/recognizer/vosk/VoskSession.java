package dev.voicebot.stt.recognizer.vosk;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.stt.recognizer.RecognitionEvent;
import dev.voicebot.stt.recognizer.RecognitionException;
import dev.voicebot.stt.recognizer.RecognitionListener;
import dev.voicebot.stt.recognizer.RecognitionSession;
import dev.voicebot.stt.recognizer.SessionEvents;
import dev.voicebot.stt.recognizer.SessionSpec;
import java.io.IOException;
import org.vosk.Model;
import org.vosk.Recognizer;
import tools.jackson.databind.JsonNode;

/**
 * One call on Vosk. Vosk finds utterance ends by itself ({@code acceptWaveForm} returns true);
 * {@link #flush()} forces one. Word times come from Vosk in seconds of this recognizer's audio.
 */
final class VoskSession implements RecognitionSession {

    private static final long PARTIAL_EVERY_MS = 300;

    private final SessionSpec spec;
    private final SessionEvents events;
    private Recognizer recognizer;
    private long pushedSamples;
    private long utteranceStartSample = -1;
    private long sinceLastPartial;
    private boolean finalInUtterance;
    private String lastPartial = "";
    private boolean ended;

    VoskSession(SessionSpec spec, RecognitionListener listener, Model model, String grammar) {
        this.spec = spec;
        this.events = new SessionEvents(VoskRecognizer.NAME, spec, listener);
        Recognizer created = null;
        try {
            created = grammar == null
                    ? new Recognizer(model, spec.sampleRate())
                    : new Recognizer(model, spec.sampleRate(), grammar);
            created.setWords(true);
        } catch (IOException | RuntimeException e) {
            events.emit(new RecognitionEvent.Failed(new RecognitionException(
                    VoskRecognizer.NAME,
                    RecognitionException.Kind.UNAVAILABLE,
                    "cannot create a recognizer: " + e.getMessage(),
                    e)));
        }
        this.recognizer = created;
    }

    @Override
    public void push(byte[] pcm) {
        Pcm16.requireEvenLength(pcm);
        if (ended || events.terminated() || pcm.length == 0) {
            return;
        }
        if (utteranceStartSample < 0) {
            utteranceStartSample = pushedSamples;
        }
        pushedSamples += pcm.length / 2;
        sinceLastPartial += pcm.length / 2;
        if (recognizer.acceptWaveForm(pcm, pcm.length)) {
            report(recognizer.getResult(), false);
        } else if (sinceLastPartial * 1000 / spec.sampleRate() >= PARTIAL_EVERY_MS) {
            sinceLastPartial = 0;
            String partial = VoskRecognizer.JSON
                    .readTree(recognizer.getPartialResult())
                    .path("partial")
                    .asString("");
            partial = withoutUnknown(partial);
            if (!partial.isEmpty() && !partial.equals(lastPartial)) {
                lastPartial = partial;
                events.emit(new RecognitionEvent.PartialTranscript(
                        partial, millis(utteranceStartSample), millis(pushedSamples)));
            }
        }
    }

    @Override
    public void flush() {
        if (ended || events.terminated() || utteranceStartSample < 0) {
            return;
        }
        report(recognizer.getFinalResult(), true);
    }

    @Override
    public void endInput() {
        if (ended) {
            return;
        }
        flush();
        ended = true;
        release();
        events.emit(new RecognitionEvent.Usage(millis(pushedSamples)));
        events.emit(new RecognitionEvent.Closed(false));
    }

    @Override
    public void abort() {
        if (events.terminated()) {
            return;
        }
        ended = true;
        release();
        events.emit(new RecognitionEvent.Usage(millis(pushedSamples)));
        events.emit(new RecognitionEvent.Closed(true));
    }

    @Override
    public boolean isTerminated() {
        return events.terminated();
    }

    private void report(String json, boolean flushed) {
        JsonNode result = VoskRecognizer.JSON.readTree(json);
        String text = withoutUnknown(result.path("text").asString(""));
        JsonNode words = result.path("result");
        if (!text.isEmpty()) {
            double confidence = -1;
            long start = millis(utteranceStartSample);
            long end = millis(pushedSamples);
            if (words.isArray() && !words.isEmpty()) {
                double sum = 0;
                for (JsonNode word : words) {
                    sum += word.path("conf").asDouble(0);
                }
                confidence = sum / words.size();
                start = Math.round(words.get(0).path("start").asDouble() * 1000);
                end = Math.round(words.get(words.size() - 1).path("end").asDouble() * 1000);
            }
            events.emit(new RecognitionEvent.FinalTranscript(text, confidence, start, end));
            finalInUtterance = true;
        } else if (flushed && !finalInUtterance) {
            events.emit(new RecognitionEvent.NoMatch(millis(utteranceStartSample), millis(pushedSamples)));
        }
        lastPartial = "";
        if (flushed || !text.isEmpty()) {
            utteranceStartSample = flushed ? -1 : pushedSamples;
        }
        if (flushed) {
            finalInUtterance = false;
        }
    }

    private static String withoutUnknown(String text) {
        return text.replace("[unk]", " ").replaceAll("\\s+", " ").strip();
    }

    private void release() {
        if (recognizer != null) {
            recognizer.close();
            recognizer = null;
        }
    }

    private long millis(long samples) {
        return samples * 1000 / spec.sampleRate();
    }
}
