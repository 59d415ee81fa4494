package dev.voicebot.stt.recognizer.deepgram;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.stt.recognizer.RecognitionEvent;
import dev.voicebot.stt.recognizer.RecognitionException;
import dev.voicebot.stt.recognizer.RecognitionListener;
import dev.voicebot.stt.recognizer.RecognitionSession;
import dev.voicebot.stt.recognizer.SessionEvents;
import dev.voicebot.stt.recognizer.SessionSpec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's Deepgram stream.
 *
 * <ul>
 *   <li>Audio is sent as binary frames as it comes and also kept, from the end of the last final
 *       result on (at most {@link DeepgramSettings#replayLimit()}). When the connection drops, the
 *       session reconnects and replays that audio, which includes what arrived while it was
 *       reconnecting, so no speech is lost and nothing already final is transcribed twice.
 *   <li>While no audio flows (the worker only streams the caller's turns), {@code KeepAlive} is
 *       sent every {@link DeepgramSettings#keepAlive()} (https://developers.deepgram.com/docs/audio-keep-alive).
 *   <li>{@code is_final} results are joined into one {@link RecognitionEvent.FinalTranscript} per
 *       utterance, reported at {@code speech_final}, {@code UtteranceEnd} or the reply to {@link
 *       #flush()}, which sends {@code Finalize}.
 *   <li>{@link #endInput()} sends {@code CloseStream} and waits for Deepgram's last results and its
 *       close; {@link #abort()} cancels the socket.
 *   <li>A message that cannot be parsed is logged and skipped.
 * </ul>
 *
 * Event offsets are milliseconds of this session's audio; Deepgram's own timestamps restart at 0
 * on every connection and are shifted by where the connection's audio began.
 */
final class DeepgramSession implements RecognitionSession {

    private static final Logger log = LoggerFactory.getLogger(DeepgramSession.class);

    private static final String KEEP_ALIVE = "{\"type\":\"KeepAlive\"}";
    private static final String FINALIZE = "{\"type\":\"Finalize\"}";
    private static final String CLOSE_STREAM = "{\"type\":\"CloseStream\"}";
    private static final int NORMAL_CLOSURE = 1000;
    /** Deepgram closes with 1008 when it cannot decode the audio (DATA-0000): sending it again cannot help. */
    private static final int POLICY_VIOLATION = 1008;

    private enum State {
        CONNECTING,
        OPEN,
        RECONNECTING,
        CLOSING,
        DONE
    }

    /** Audio the session was given, from {@code startSample} (session samples) on. */
    private record Chunk(long startSample, byte[] pcm) {}

    private final SessionSpec spec;
    private final SessionEvents events;
    private final DeepgramSettings settings;
    private final OkHttpClient client;
    private final ScheduledExecutorService timers;
    private final Consumer<RecognitionException> onRefused;
    private final Deque<Chunk> replay = new ArrayDeque<>();
    private final long replayLimitSamples;
    private final ScheduledFuture<?> keepAliveTask;

    private State state = State.CONNECTING;
    private WebSocket socket;
    private int connection;
    private int failedAttempts;
    private boolean outageReported;
    private long sentSamples;
    private long replaySamples;
    private long connectionBaseSamples;
    private long audioSentSamples;
    private long lastSendNanos = System.nanoTime();
    private boolean inputEnded;

    private final StringBuilder utteranceText = new StringBuilder();
    private double confidenceSum;
    private int confidenceCount;
    private long utteranceStartMs = -1;
    private long utteranceEndMs;
    private long utteranceAudioStartSample = -1;
    private boolean finalInUtterance;
    private ScheduledFuture<?> finalizeDeadline;

    DeepgramSession(
            SessionSpec spec,
            RecognitionListener listener,
            DeepgramSettings settings,
            OkHttpClient client,
            ScheduledExecutorService timers,
            Consumer<RecognitionException> onRefused) {
        this.spec = spec;
        this.events = new SessionEvents(DeepgramRecognizer.NAME, spec, listener);
        this.settings = settings;
        this.client = client;
        this.timers = timers;
        this.onRefused = onRefused;
        this.replayLimitSamples = settings.replayLimit().toMillis() * spec.sampleRate() / 1000;
        long every = Math.max(100, settings.keepAlive().toMillis() / 4);
        this.keepAliveTask = timers.scheduleWithFixedDelay(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
    }

    synchronized void connect() {
        connection++;
        int attempt = connection;
        Request request = new Request.Builder()
                .url(endpoint())
                .header("Authorization", "Token " + settings.apiKey())
                .build();
        socket = client.newWebSocket(request, new Listener(attempt));
    }

    private HttpUrl endpoint() {
        String url = settings.url();
        String http = url.startsWith("wss:")
                ? "https:" + url.substring(4)
                : url.startsWith("ws:") ? "http:" + url.substring(3) : url;
        HttpUrl base = HttpUrl.parse(http);
        if (base == null) {
            throw new IllegalArgumentException("not a Deepgram endpoint URL: " + url);
        }
        return base.newBuilder()
                .addQueryParameter("encoding", "linear16")
                .addQueryParameter("sample_rate", Integer.toString(spec.sampleRate()))
                .addQueryParameter("channels", "1")
                .addQueryParameter("model", settings.model())
                .addQueryParameter("language", settings.language())
                .addQueryParameter("interim_results", "true")
                .addQueryParameter("endpointing", Integer.toString(settings.endpointingMs()))
                .addQueryParameter("utterance_end_ms", Integer.toString(settings.utteranceEndMs()))
                .addQueryParameter("vad_events", "true")
                .addQueryParameter("punctuate", "true")
                .build();
    }

    @Override
    public synchronized void push(byte[] pcm) {
        Pcm16.requireEvenLength(pcm);
        if (inputEnded || state == State.DONE || pcm.length == 0) {
            return;
        }
        if (utteranceAudioStartSample < 0) {
            utteranceAudioStartSample = sentSamples;
        }
        Chunk chunk = new Chunk(sentSamples, pcm.clone());
        sentSamples += pcm.length / 2;
        keep(chunk);
        if (state == State.OPEN) {
            send(chunk.pcm());
        }
    }

    @Override
    public synchronized void flush() {
        if (state == State.DONE || utteranceAudioStartSample < 0) {
            return;
        }
        if (state == State.OPEN) {
            socket.send(FINALIZE);
            lastSendNanos = System.nanoTime();
        }
        if (finalizeDeadline == null) {
            finalizeDeadline = timers.schedule(
                    this::finalizeTimedOut, settings.finalizeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void endInput() {
        if (inputEnded || state == State.DONE) {
            return;
        }
        inputEnded = true;
        if (state == State.OPEN) {
            state = State.CLOSING;
            socket.send(CLOSE_STREAM);
            timers.schedule(this::closeTimedOut, settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } else {
            // still connecting: nothing was transcribed yet that could be waited for
            socket.cancel();
            finish(false);
        }
    }

    @Override
    public synchronized void abort() {
        if (state == State.DONE) {
            return;
        }
        inputEnded = true;
        socket.cancel();
        finish(true);
    }

    @Override
    public boolean isTerminated() {
        return events.terminated();
    }

    private void keep(Chunk chunk) {
        replay.addLast(chunk);
        replaySamples += chunk.pcm().length / 2;
        while (replaySamples > replayLimitSamples && replay.size() > 1) {
            Chunk dropped = replay.pollFirst();
            replaySamples -= dropped.pcm().length / 2;
        }
    }

    private void send(byte[] pcm) {
        socket.send(ByteString.of(pcm));
        audioSentSamples += pcm.length / 2;
        lastSendNanos = System.nanoTime();
    }

    private synchronized void keepAlive() {
        if (state == State.OPEN
                && System.nanoTime() - lastSendNanos >= settings.keepAlive().toNanos()) {
            socket.send(KEEP_ALIVE);
            lastSendNanos = System.nanoTime();
        }
    }

    private synchronized void opened(int attempt) {
        if (attempt != connection || state == State.DONE) {
            return;
        }
        if (inputEnded) {
            // input ended while reconnecting: replay what is left and close the stream properly
            state = State.OPEN;
            replayAudio();
            state = State.CLOSING;
            socket.send(CLOSE_STREAM);
            timers.schedule(this::closeTimedOut, settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        state = State.OPEN;
        replayAudio();
        if (finalizeDeadline != null) {
            socket.send(FINALIZE);
        }
    }

    /** Sends the kept audio; the new connection's time 0 is where that audio starts. */
    private void replayAudio() {
        connectionBaseSamples =
                replay.isEmpty() ? sentSamples : replay.peekFirst().startSample();
        if (connection > 1) {
            log.info(
                    "call {}: deepgram reconnected, replaying {} ms of audio",
                    spec.callSid(),
                    replaySamples * 1000 / spec.sampleRate());
        }
        for (Chunk chunk : replay) {
            send(chunk.pcm());
        }
    }

    private synchronized void received(int attempt, String text) {
        if (attempt != connection || state == State.DONE) {
            return;
        }
        failedAttempts = 0;
        outageReported = false;
        DeepgramMessage message;
        try {
            message = DeepgramMessage.parse(text);
        } catch (IllegalArgumentException e) {
            log.warn("call {}: skipped a deepgram message that could not be read: {}", spec.callSid(), e.getMessage());
            return;
        }
        switch (message) {
            case DeepgramMessage.Results results -> onResults(results);
            case DeepgramMessage.UtteranceEnd ignored -> reportUtterance(false);
            case DeepgramMessage.SpeechStarted started ->
                events.emit(new RecognitionEvent.SpeechStarted(toSessionMs(started.timestampSeconds())));
            case DeepgramMessage.Metadata metadata ->
                log.debug("call {}: deepgram request {}", spec.callSid(), metadata.requestId());
            case DeepgramMessage.Other other -> log.debug("call {}: deepgram message {}", spec.callSid(), other.type());
        }
    }

    private void onResults(DeepgramMessage.Results results) {
        long start = toSessionMs(results.startSeconds());
        long end = toSessionMs(results.startSeconds() + results.durationSeconds());
        if (!results.isFinal()) {
            String partial = join(utteranceText.toString(), results.transcript());
            if (!partial.isEmpty()) {
                events.emit(new RecognitionEvent.PartialTranscript(
                        partial, utteranceStartMs >= 0 ? utteranceStartMs : start, end));
            }
            return;
        }
        forgetAudioBefore(end);
        if (!results.transcript().isEmpty()) {
            if (utteranceStartMs < 0) {
                utteranceStartMs = start;
            }
            utteranceEndMs = end;
            utteranceText.replace(0, utteranceText.length(), join(utteranceText.toString(), results.transcript()));
            if (results.confidence() >= 0) {
                confidenceSum += results.confidence();
                confidenceCount++;
            }
        }
        if (results.speechFinal()) {
            reportUtterance(false);
        }
        if (results.fromFinalize()) {
            reportUtterance(true);
        }
    }

    /**
     * Reports the utterance so far: its final transcript if it has words; after a flush, a {@code
     * NoMatch} if the utterance produced no words at all.
     */
    private void reportUtterance(boolean flushed) {
        if (!utteranceText.isEmpty()) {
            double confidence = confidenceCount == 0 ? -1 : confidenceSum / confidenceCount;
            events.emit(new RecognitionEvent.FinalTranscript(
                    utteranceText.toString(), confidence, utteranceStartMs, utteranceEndMs));
            finalInUtterance = true;
            utteranceText.setLength(0);
            confidenceSum = 0;
            confidenceCount = 0;
            utteranceStartMs = -1;
        } else if (flushed && !finalInUtterance && utteranceAudioStartSample >= 0) {
            events.emit(new RecognitionEvent.NoMatch(
                    utteranceAudioStartSample * 1000 / spec.sampleRate(), sentSamples * 1000 / spec.sampleRate()));
        }
        if (flushed) {
            finalInUtterance = false;
            utteranceAudioStartSample = -1;
            if (finalizeDeadline != null) {
                finalizeDeadline.cancel(false);
                finalizeDeadline = null;
            }
        }
    }

    private synchronized void finalizeTimedOut() {
        if (finalizeDeadline != null && state != State.DONE) {
            finalizeDeadline = null;
            reportUtterance(true);
        }
    }

    private synchronized void closeTimedOut() {
        if (state == State.CLOSING) {
            log.warn("call {}: deepgram did not close the stream in time; closing it", spec.callSid());
            socket.cancel();
            finish(false);
        }
    }

    private synchronized void closed(int attempt, int code, String reason) {
        if (attempt != connection || state == State.DONE) {
            return;
        }
        if (state == State.CLOSING) {
            finish(false);
        } else if (code == POLICY_VIOLATION) {
            fail(new RecognitionException(
                    DeepgramRecognizer.NAME,
                    RecognitionException.Kind.INVALID_REQUEST,
                    "deepgram closed the stream: " + code + " " + reason));
        } else {
            retryOrFail(new RecognitionException(
                    DeepgramRecognizer.NAME,
                    RecognitionException.Kind.CONNECTION,
                    "deepgram closed the stream unexpectedly: " + code + " " + reason));
        }
    }

    private synchronized void failed(int attempt, Throwable failure, Response response) {
        if (attempt != connection || state == State.DONE) {
            return;
        }
        if (state == State.CLOSING) {
            finish(false);
            return;
        }
        RecognitionException cause = classify(failure, response);
        if (cause.kind() == RecognitionException.Kind.AUTHENTICATION) {
            onRefused.accept(cause);
        }
        if (cause.retryable()) {
            retryOrFail(cause);
        } else {
            fail(cause);
        }
    }

    private void retryOrFail(RecognitionException cause) {
        if (failedAttempts >= settings.reconnectAttempts()) {
            fail(new RecognitionException(
                    DeepgramRecognizer.NAME,
                    cause.kind(),
                    "gave up after " + (failedAttempts + 1) + " failed connections: " + cause.getMessage(),
                    cause));
            return;
        }
        long delay = settings.reconnectBackoff().toMillis() * (1L << Math.min(failedAttempts, 10));
        failedAttempts++;
        state = State.RECONNECTING;
        socket.cancel();
        if (!outageReported) {
            outageReported = true;
            events.emit(new RecognitionEvent.Interrupted(cause));
        }
        log.info("call {}: {}; reconnecting in {} ms", spec.callSid(), cause.getMessage(), delay);
        timers.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void reconnect() {
        if (state == State.RECONNECTING) {
            connect();
        }
    }

    private void fail(RecognitionException cause) {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        socket.cancel();
        stopTimers();
        events.emit(new RecognitionEvent.Usage(audioSentSamples * 1000 / spec.sampleRate()));
        events.emit(new RecognitionEvent.Failed(cause));
    }

    private void finish(boolean aborted) {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        stopTimers();
        if (!aborted) {
            reportUtterance(false);
        }
        events.emit(new RecognitionEvent.Usage(audioSentSamples * 1000 / spec.sampleRate()));
        events.emit(new RecognitionEvent.Closed(aborted));
    }

    private void stopTimers() {
        keepAliveTask.cancel(false);
        if (finalizeDeadline != null) {
            finalizeDeadline.cancel(false);
            finalizeDeadline = null;
        }
    }

    private void forgetAudioBefore(long sessionMs) {
        long sample = sessionMs * spec.sampleRate() / 1000;
        while (!replay.isEmpty()) {
            Chunk first = replay.peekFirst();
            if (first.startSample() + first.pcm().length / 2 > sample) {
                break;
            }
            replay.pollFirst();
            replaySamples -= first.pcm().length / 2;
        }
    }

    private long toSessionMs(double connectionSeconds) {
        return connectionBaseSamples * 1000 / spec.sampleRate() + Math.round(connectionSeconds * 1000);
    }

    private static RecognitionException classify(Throwable failure, Response response) {
        String name = DeepgramRecognizer.NAME;
        if (response == null) {
            return new RecognitionException(
                    name,
                    RecognitionException.Kind.CONNECTION,
                    "connection failed: " + failure.getClass().getSimpleName() + ": " + failure.getMessage(),
                    failure);
        }
        int code = response.code();
        String status = "deepgram answered HTTP " + code + " to the connection";
        return switch (code) {
            case 401, 403 ->
                new RecognitionException(
                        name, RecognitionException.Kind.AUTHENTICATION, status + ": the API key was refused");
            case 408 -> new RecognitionException(name, RecognitionException.Kind.CONNECTION, status);
            case 429 ->
                new RecognitionException(name, RecognitionException.Kind.RATE_LIMITED, status + ": rate limited");
            default ->
                code >= 500
                        ? new RecognitionException(name, RecognitionException.Kind.CONNECTION, status)
                        : new RecognitionException(name, RecognitionException.Kind.INVALID_REQUEST, status);
        };
    }

    private static String join(String first, String second) {
        if (first.isEmpty()) {
            return second;
        }
        return second.isEmpty() ? first : first + " " + second;
    }

    /** OkHttp's callbacks for one connection attempt; stale attempts are ignored. */
    private final class Listener extends WebSocketListener {

        private final int attempt;

        Listener(int attempt) {
            this.attempt = attempt;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            opened(attempt);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            received(attempt, text);
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            log.debug("call {}: ignored a binary deepgram message of {} bytes", spec.callSid(), bytes.size());
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(NORMAL_CLOSURE, null);
            closed(attempt, code, reason);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            failed(attempt, failure, response);
        }
    }
}
