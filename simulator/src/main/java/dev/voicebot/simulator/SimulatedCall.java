package dev.voicebot.simulator;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.common.audio.Resamplers;
import dev.voicebot.common.audio.WavAudio;
import dev.voicebot.common.audio.WavFile;
import dev.voicebot.common.privacy.Redact;
import dev.voicebot.simulator.CloseInfo.ClosedBy;
import dev.voicebot.simulator.TimelineEvent.Kind;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated Exotel Voicebot call over a real WebSocket, behaving as Exotel does (shared/reference/exotel.md §1):
 * sends {@code connected} and {@code start}, streams caller audio as {@code media} every 100 ms in real time (silence
 * when the caller is quiet), plays the bot's audio against a real-time clock, echoes each {@code mark} once the audio
 * before it has played, drops unplayed audio on {@code clear}, and ends with {@code stop} then a close frame.
 *
 * <p>Everything is timed from the moment the socket opened; see {@link #timeline()}, {@link #turns()} and
 * {@link #stats()}. Thread-safe: speak, send DTMF and await from any thread.
 *
 * <pre>{@code
 * try (SimulatedCall call = SimulatedCall.builder("ws://localhost:8765/ws").sampleRate(16000).connect()) {
 *     call.awaitBotReply(Duration.ofSeconds(5), Duration.ofMillis(800), Duration.ofSeconds(30)); // greeting
 *     call.speak("i would like to book an appointment");
 *     call.awaitBotReply(Duration.ofSeconds(5), Duration.ofMillis(800), Duration.ofSeconds(30));
 *     call.hangUp();
 * }
 * }</pre>
 */
public final class SimulatedCall implements AutoCloseable {

    /** Exotel sends caller audio about every 100 ms. */
    public static final int CHUNK_MILLIS = 100;
    /** Bot payloads should be multiples of 320 bytes; other sizes make Exotel insert 20 ms gaps. */
    public static final int BOT_CHUNK_MULTIPLE = 320;
    /** Bot payloads above 100 KB risk timeouts at Exotel. */
    public static final int BOT_CHUNK_MAX_BYTES = 100 * 1024;

    static final int PLAYOUT_TICK_MILLIS = 10;
    static final int NORMAL_CLOSURE = 1000;
    static final int ABNORMAL_CLOSURE = 1006;
    static final Duration CLOSE_HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);
    private static final long AWAIT_POLL_MILLIS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedCall.class);

    private final StreamTarget target;
    private final CallIdentity identity;
    private final int sampleRate;
    private final int chunkBytes;
    private final Duration maxDuration;
    private final CallerVoice configuredVoice;
    private final Object lock = new Object();
    private final Uplink uplink;
    private final CallRecording recording;
    private final CallLog callLog = new CallLog();
    private final Playout playout;
    private final ScheduledThreadPoolExecutor scheduler;
    private final List<String> echoedMarks = new ArrayList<>();

    private volatile long originNanos;
    private WireSender sender;
    private WebSocket socket;
    private final List<ScheduledFuture<?>> ticks = new ArrayList<>();
    private long chunkIndex;
    private StopReason stopReason;
    private CloseInfo closeInfo;

    private SimulatedCall(Builder builder, StreamTarget target) {
        this.target = target;
        this.identity =
                new CallIdentity(builder.callSid, builder.streamSid, builder.accountSid, builder.from, builder.to);
        this.sampleRate = target.sampleRate();
        this.chunkBytes = Pcm16.bytesFor(sampleRate, CHUNK_MILLIS);
        this.maxDuration = builder.maxDuration;
        this.configuredVoice = builder.callerVoice;
        this.uplink = new Uplink(chunkBytes);
        this.recording = new CallRecording(sampleRate, builder.recordAudio);
        long toleranceSamples = builder.underrunTolerance.toMillis() * sampleRate / 1000;
        this.playout = new Playout(recording, toleranceSamples, builder.echoMarksOnClear, new PlayoutEvents());
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            String sid = identity.callSid();
            Thread thread = new Thread(runnable, "exotel-sim-" + sid.substring(0, Math.min(8, sid.length())));
            thread.setDaemon(true);
            return thread;
        });
        this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    /** Starts describing a call to the bot at {@code url} ({@code ws://} or {@code wss://}). */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    // ---- caller actions ------------------------------------------------------------------------------------------

    /** Queues caller speech synthesized from {@code text} with {@link CallerVoice}; it is sent after earlier speech. */
    public void speak(String text) {
        Objects.requireNonNull(text, "text");
        speak(text, voice().synthesize(text, sampleRate));
    }

    /** Queues caller audio: PCM16LE mono at the call's sample rate. */
    public void speak(byte[] pcm) {
        speak("audio", pcm);
    }

    /** Queues caller audio with a label for the timeline. */
    public void speak(String label, byte[] pcm) {
        Utterance utterance = Utterance.of(label, pcm, sampleRate);
        synchronized (lock) {
            requireLive();
            uplink.enqueue(utterance);
        }
    }

    /** Queues a 16-bit PCM mono WAV file as caller audio, resampled to the call's rate. */
    public void speakWav(Path wav) throws IOException {
        WavAudio audio = WavFile.read(wav);
        byte[] pcm = audio.sampleRate() == sampleRate
                ? audio.pcm()
                : Resamplers.resample(audio.pcm(), audio.sampleRate(), sampleRate);
        speak(String.valueOf(wav.getFileName()), pcm);
    }

    /** Sends a {@code dtmf} event for a key press of 100 ms. */
    public void dtmf(char digit) {
        dtmf(digit, Duration.ofMillis(100));
    }

    /** Sends a {@code dtmf} event; {@code digit} is one of 0–9, {@code *}, {@code #}. */
    public void dtmf(char digit, Duration pressed) {
        if (!(digit >= '0' && digit <= '9') && digit != '*' && digit != '#') {
            throw new IllegalArgumentException("a DTMF digit is 0-9, * or #, not '" + digit + "'");
        }
        synchronized (lock) {
            requireLive();
            sender.sendSequenced(seq -> ExotelWire.dtmf(seq, identity.streamSid(), digit, pressed.toMillis()));
            callLog.dtmfSent(nowMillis(), digit);
        }
    }

    /** The caller hangs up: {@code stop} with reason {@code callended}, then the socket closes. Waits for it. */
    public CloseInfo hangUp() throws InterruptedException {
        return endWith(StopReason.CALL_ENDED);
    }

    /** The applet ends the stream: {@code stop} with reason {@code stopped}, then the socket closes. Waits for it. */
    public CloseInfo endStream() throws InterruptedException {
        return endWith(StopReason.STOPPED);
    }

    /** Sends {@code stop} with {@code reason}, closes the socket, and waits for the close to finish. */
    public CloseInfo endWith(StopReason reason) throws InterruptedException {
        beginStop(reason);
        return awaitClose(CLOSE_HANDSHAKE_TIMEOUT.plusSeconds(1))
                .orElseThrow(() -> new IllegalStateException("the socket did not close"));
    }

    /** Hangs up if the call is still live, and releases the call's thread. */
    @Override
    public void close() throws InterruptedException {
        boolean live;
        synchronized (lock) {
            live = closeInfo == null;
        }
        try {
            if (live) {
                hangUp();
            }
        } finally {
            scheduler.shutdownNow();
        }
    }

    // ---- waiting -------------------------------------------------------------------------------------------------

    /** Waits until all queued caller speech has been sent. */
    public boolean awaitCallerIdle(Duration timeout) throws InterruptedException {
        return await(timeout, () -> !uplink.hasQueuedAudio());
    }

    /**
     * Waits for the bot to answer: all queued caller speech has been sent and bot audio arrived after the caller's
     * latest action (end of speech or key press; any bot audio if the caller has done nothing yet). False on timeout
     * or when the call ends.
     */
    public boolean awaitBotAudio(Duration timeout) throws InterruptedException {
        return await(
                timeout,
                () -> !uplink.hasQueuedAudio()
                        && callLog.lastBotMediaMillis >= 0
                        && callLog.lastBotMediaMillis >= callLog.lastCallerActionMillis());
    }

    /**
     * Waits until the bot is quiet: its queued audio has played and neither new audio arrived nor audio played for
     * {@code quiet}. True as well once the socket has closed.
     */
    public boolean awaitBotSilence(Duration quiet, Duration timeout) throws InterruptedException {
        long quietMillis = quiet.toMillis();
        return await(timeout, () -> {
            if (closeInfo != null) {
                return true;
            }
            long lastPlayed = playout.lastAudioEnd() < 0 ? -1 : millisOfSamples(playout.lastAudioEnd());
            long lastActivity = Math.max(lastPlayed, callLog.lastBotMediaMillis);
            return playout.drained() && nowMillis() - Math.max(lastActivity, 0) >= quietMillis;
        });
    }

    /**
     * Waits for a whole bot reply: {@link #awaitBotAudio} within {@code startTimeout}, then {@link #awaitBotSilence}
     * within {@code maxReply}. False if the bot did not start or did not finish in time.
     */
    public boolean awaitBotReply(Duration startTimeout, Duration quiet, Duration maxReply) throws InterruptedException {
        return awaitBotAudio(startTimeout) && awaitBotSilence(quiet, maxReply);
    }

    /** Waits until a mark called {@code name} has been echoed to the bot. */
    public boolean awaitMarkEcho(String name, Duration timeout) throws InterruptedException {
        return await(timeout, () -> echoedMarks.contains(name));
    }

    /** Waits for the socket to close, by either side. */
    public Optional<CloseInfo> awaitClose(Duration timeout) throws InterruptedException {
        await(timeout, () -> closeInfo != null);
        synchronized (lock) {
            return Optional.ofNullable(closeInfo);
        }
    }

    // ---- results -------------------------------------------------------------------------------------------------

    public CallIdentity identity() {
        return identity;
    }

    public StreamTarget target() {
        return target;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Milliseconds since the socket opened. */
    public long elapsedMillis() {
        return nowMillis();
    }

    public boolean isOpen() {
        synchronized (lock) {
            return closeInfo == null;
        }
    }

    public CallStats stats() {
        synchronized (lock) {
            return callLog.stats(millisOfBytes(playout.playedBytes()), Optional.ofNullable(closeInfo));
        }
    }

    /** The call's events ordered by time. */
    public List<TimelineEvent> timeline() {
        synchronized (lock) {
            return callLog.timeline();
        }
    }

    /** What the caller said, with the bot's response latency for each. */
    public List<CallerTurn> turns() {
        synchronized (lock) {
            return callLog.turns();
        }
    }

    /** Every {@code clear} the bot sent, with its reaction time. */
    public List<BargeIn> bargeIns() {
        synchronized (lock) {
            return callLog.bargeIns();
        }
    }

    /** Names of the marks echoed so far, in order. */
    public List<String> echoedMarks() {
        synchronized (lock) {
            return List.copyOf(echoedMarks);
        }
    }

    /** The caller's audio as sent, PCM16LE from the moment the socket opened. */
    public byte[] callerAudio() {
        synchronized (lock) {
            return recording.callerPcm();
        }
    }

    /** The bot's audio as it played (nothing a {@code clear} dropped), on the same timeline as the caller's. */
    public byte[] botAudio() {
        synchronized (lock) {
            return recording.botPcm();
        }
    }

    /** Writes a stereo WAV at the call rate: left channel the caller, right channel the bot as played. */
    public void writeWav(Path file) throws IOException {
        synchronized (lock) {
            recording.writeStereoWav(file);
        }
    }

    // ---- socket events (from BotSocketListener) -----------------------------------------------------------------

    void opened(WebSocket webSocket) {
        synchronized (lock) {
            socket = webSocket;
            sender = new WireSender(webSocket, this::sendFailed);
            sender.send(ExotelWire.connected());
            sender.sendSequenced(seq -> ExotelWire.start(seq, identity, target.customParameters(), sampleRate));
            // the media clock starts here, so that chunk n goes out n × 100 ms later
            originNanos = System.nanoTime();
            callLog.event(0, Kind.SOCKET_OPENED, target.displayUrl());
            callLog.event(0, Kind.START_SENT, sampleRate + " Hz");
            ticks.add(scheduler.scheduleAtFixedRate(
                    guarded(this::sendCallerChunk), CHUNK_MILLIS, CHUNK_MILLIS, TimeUnit.MILLISECONDS));
            ticks.add(scheduler.scheduleAtFixedRate(
                    guarded(this::advancePlayout), PLAYOUT_TICK_MILLIS, PLAYOUT_TICK_MILLIS, TimeUnit.MILLISECONDS));
            scheduler.schedule(
                    guarded(() -> beginStop(StopReason.STOPPED)), maxDuration.toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.info(
                "call {} connected to {} at {} Hz, from {} to {}",
                identity.callSid(),
                target.displayUrl(),
                sampleRate,
                Redact.phone(identity.from()),
                Redact.phone(identity.to()));
    }

    void botText(String text) {
        long now = nowSamples();
        long atMillis = millisOfSamples(now);
        BotMessage message = BotMessage.parse(text);
        synchronized (lock) {
            if (closeInfo != null || stopReason != null) {
                return;
            }
            switch (message) {
                case BotMessage.Media media -> botMedia(media.pcm(), now, atMillis);
                case BotMessage.Mark mark -> {
                    callLog.marksReceived++;
                    callLog.event(atMillis, Kind.MARK_RECEIVED, mark.name());
                    playout.mark(mark.name(), now);
                }
                case BotMessage.Clear clear -> {
                    Playout.Cleared cleared = playout.clear(now);
                    callLog.marksDroppedByClear += cleared.droppedMarks();
                    callLog.clearReceived(atMillis, millisOfBytes(cleared.droppedBytes()));
                }
                case BotMessage.Invalid invalid -> {
                    callLog.malformedMessages++;
                    callLog.problem(atMillis, invalid.problem());
                }
            }
            lock.notifyAll();
        }
    }

    void botBinary() {
        synchronized (lock) {
            if (closeInfo == null && stopReason == null) {
                callLog.malformedMessages++;
                callLog.problem(nowMillis(), "binary frame; Exotel expects JSON text frames");
                lock.notifyAll();
            }
        }
    }

    void botClosed(int statusCode, String reason) {
        long at = nowMillis();
        synchronized (lock) {
            if (closeInfo != null) {
                return;
            }
            if (stopReason != null) {
                finish(new CloseInfo(
                        ClosedBy.SIMULATOR,
                        NORMAL_CLOSURE,
                        "stop " + stopReason.wireValue() + "; bot answered close " + statusCode,
                        at));
            } else if (statusCode == ABNORMAL_CLOSURE) {
                // 1006 is never sent on the wire: the connection dropped without a close frame
                finish(new CloseInfo(ClosedBy.NETWORK, statusCode, reason, at));
            } else {
                finish(new CloseInfo(ClosedBy.BOT, statusCode, reason, at));
            }
        }
    }

    void socketFailed(Throwable error) {
        long at = nowMillis();
        synchronized (lock) {
            if (closeInfo == null) {
                ClosedBy by = stopReason != null ? ClosedBy.SIMULATOR : ClosedBy.NETWORK;
                finish(new CloseInfo(by, ABNORMAL_CLOSURE, Handshake.describe(error), at));
            }
        }
    }

    // ---- internals -----------------------------------------------------------------------------------------------

    private void botMedia(byte[] pcm, long now, long atMillis) {
        if (pcm.length % BOT_CHUNK_MULTIPLE != 0) {
            callLog.chunkSizeViolations++;
            callLog.problem(
                    atMillis,
                    "bot media payload of " + pcm.length + " bytes is not a multiple of " + BOT_CHUNK_MULTIPLE);
        } else if (pcm.length > BOT_CHUNK_MAX_BYTES) {
            callLog.chunkSizeViolations++;
            callLog.problem(atMillis, "bot media payload of " + pcm.length + " bytes is above Exotel's 100 KB");
        }
        callLog.botMediaArrived(atMillis, millisOfBytes(pcm.length));
        playout.media(pcm, now);
    }

    private void sendCallerChunk() {
        synchronized (lock) {
            if (closeInfo != null || stopReason != null) {
                return;
            }
            Uplink.Chunk chunk = uplink.next();
            long index = ++chunkIndex;
            long chunkStart = (index - 1) * (chunkBytes / 2);
            for (Uplink.SpeechEdge edge : chunk.edges()) {
                long at = millisOfSamples(chunkStart + edge.offsetInChunk() / 2);
                if (edge.start()) {
                    callLog.callerSpeechStarted(at, edge.label());
                    playout.callerSpeechStarted(nowSamples());
                } else {
                    callLog.callerSpeechEnded(at, edge.label());
                }
            }
            recording.caller(chunkStart, chunk.pcm(), 0, chunk.pcm().length);
            callLog.callerFramesSent++;
            String payload = Base64.getEncoder().encodeToString(chunk.pcm());
            long timestamp = millisOfSamples(chunkStart);
            sender.sendSequenced(seq -> ExotelWire.media(seq, identity.streamSid(), index, timestamp, payload));
            lock.notifyAll();
        }
    }

    private void advancePlayout() {
        synchronized (lock) {
            if (closeInfo == null) {
                playout.advance(nowSamples());
                lock.notifyAll();
            }
        }
    }

    private void beginStop(StopReason reason) {
        synchronized (lock) {
            if (closeInfo != null || stopReason != null) {
                return;
            }
            stopReason = reason;
            playout.advance(nowSamples());
            sender.sendSequenced(seq -> ExotelWire.stop(seq, identity, reason));
            callLog.event(nowMillis(), Kind.STOP_SENT, reason.wireValue());
            sender.close(NORMAL_CLOSURE, "");
            scheduler.schedule(
                    guarded(this::abortUnansweredClose), CLOSE_HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            lock.notifyAll();
        }
    }

    private void abortUnansweredClose() {
        synchronized (lock) {
            if (closeInfo == null) {
                socket.abort();
                finish(new CloseInfo(
                        ClosedBy.SIMULATOR,
                        NORMAL_CLOSURE,
                        "stop " + stopReason.wireValue() + "; " + CloseInfo.UNANSWERED,
                        nowMillis()));
            }
        }
    }

    /** Records the end of the socket; the lock is held. */
    private void finish(CloseInfo info) {
        closeInfo = info;
        if (sender != null) {
            sender.abandon();
        }
        ticks.forEach(tick -> tick.cancel(false));
        scheduler.shutdown();
        callLog.event(
                info.atMillis(),
                Kind.SOCKET_CLOSED,
                "by " + info.closedBy().name().toLowerCase(Locale.ROOT) + ", code " + info.statusCode()
                        + (info.reason() == null || info.reason().isEmpty() ? "" : " (" + info.reason() + ")"));
        lock.notifyAll();
        LOG.info(
                "call {} closed by {} with code {}",
                identity.callSid(),
                info.closedBy().name().toLowerCase(Locale.ROOT),
                info.statusCode());
    }

    private void sendFailed(Throwable error) {
        LOG.debug("call {}: a send failed: {}", identity.callSid(), error.toString());
    }

    private void requireLive() {
        if (closeInfo != null || stopReason != null) {
            throw new IllegalStateException("the call has ended");
        }
    }

    private CallerVoice voice() {
        return configuredVoice != null ? configuredVoice : CallerVoice.shared();
    }

    private boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.getAsBoolean()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || closeInfo != null) {
                    return condition.getAsBoolean();
                }
                lock.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(remaining), AWAIT_POLL_MILLIS)));
            }
            return true;
        }
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("call {}: {}", identity.callSid(), e.toString(), e);
            }
        };
    }

    private long nowSamples() {
        return (System.nanoTime() - originNanos) * sampleRate / 1_000_000_000L;
    }

    private long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - originNanos);
    }

    private long millisOfSamples(long samples) {
        return samples * 1000 / sampleRate;
    }

    private long millisOfBytes(long bytes) {
        return bytes / 2 * 1000 / sampleRate;
    }

    private void connect(HttpClient client, Duration connectTimeout, int handshakeRetries) throws CallConnectException {
        try {
            Handshake.open(
                    client,
                    target,
                    () -> new BotSocketListener(this),
                    connectTimeout,
                    handshakeRetries,
                    identity.callSid());
        } catch (CallConnectException e) {
            scheduler.shutdownNow();
            throw e;
        }
    }

    /** Reports the bot's audio progress into the call log; runs with the call's lock held. */
    private final class PlayoutEvents implements Playout.Listener {

        @Override
        public void botTurnStarted(long atSample) {
            long at = millisOfSamples(atSample);
            callLog.event(at, Kind.BOT_AUDIO_START, callLog.botTurnStartDetail(at));
        }

        @Override
        public void underrun(long dryAtSample, long resumedAtSample) {
            callLog.underrun(millisOfSamples(dryAtSample), millisOfSamples(resumedAtSample));
        }

        @Override
        public void markReached(String name, long atSample, boolean releasedByClear) {
            callLog.marksEchoed++;
            echoedMarks.add(name);
            callLog.event(
                    millisOfSamples(atSample), Kind.MARK_ECHOED, name + (releasedByClear ? " (after clear)" : ""));
            sender.sendSequenced(seq -> ExotelWire.mark(seq, identity.streamSid(), name));
        }

        @Override
        public void botTurnEnded(long atSample, String why) {
            callLog.event(millisOfSamples(atSample), Kind.BOT_TURN_END, why);
        }
    }

    /** Describes a call; {@link #connect()} places it. */
    public static final class Builder {
        private final String url;
        private String callSid = CallIdentity.randomSid();
        private String streamSid = CallIdentity.randomSid();
        private String accountSid = CallIdentity.DEFAULT_ACCOUNT_SID;
        private String from = CallIdentity.DEFAULT_FROM;
        private String to = CallIdentity.DEFAULT_TO;
        private final Map<String, String> customParameters = new LinkedHashMap<>();
        private Integer sampleRate;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private int handshakeRetries = 1;
        private Duration maxDuration = Duration.ofMinutes(60);
        private Duration underrunTolerance = Duration.ofMillis(20);
        private boolean echoMarksOnClear;
        private boolean recordAudio = true;
        private CallerVoice callerVoice;
        private HttpClient httpClient;

        private Builder(String url) {
            this.url = url;
        }

        /** Exotel's call id; a random 32-hex-digit id by default. */
        public Builder callSid(String value) {
            this.callSid = value;
            return this;
        }

        /** The stream id; a random 32-hex-digit id by default. */
        public Builder streamSid(String value) {
            this.streamSid = value;
            return this;
        }

        public Builder accountSid(String value) {
            this.accountSid = value;
            return this;
        }

        /** The caller's number; {@value CallIdentity#DEFAULT_FROM} by default. */
        public Builder from(String value) {
            this.from = value;
            return this;
        }

        /** The dialled ExoPhone; {@value CallIdentity#DEFAULT_TO} by default. */
        public Builder to(String value) {
            this.to = value;
            return this;
        }

        /**
         * Adds a custom parameter. Like one written into the applet's URL, it goes into the query string and arrives
         * in {@code start.custom_parameters}; Exotel allows 3, 256 characters in total, counting those already in the
         * URL.
         */
        public Builder customParameter(String key, String value) {
            customParameters.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder customParameters(Map<String, String> values) {
            values.forEach(this::customParameter);
            return this;
        }

        /**
         * The stream rate: 8000, 16000 or 24000. Written into the URL as {@code sample-rate} unless 8000 (Exotel's
         * default); when the URL already has {@code sample-rate}, the two must agree. Defaults to the URL's rate.
         */
        public Builder sampleRate(int value) {
            this.sampleRate = value;
            return this;
        }

        /** How long the handshake may take; Exotel allows about 10 s. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value);
            return this;
        }

        /** Handshake retries after a failure; Exotel retries once. */
        public Builder handshakeRetries(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("handshake retries must not be negative");
            }
            this.handshakeRetries = value;
            return this;
        }

        /** The stream ends with {@code stop}/{@code stopped} after this long; Exotel's limit is 60 minutes. */
        public Builder maxDuration(Duration value) {
            this.maxDuration = Objects.requireNonNull(value);
            return this;
        }

        /** Gaps in bot audio mid-turn up to this long are not counted as underruns; 20 ms by default. */
        public Builder underrunTolerance(Duration value) {
            this.underrunTolerance = Objects.requireNonNull(value);
            return this;
        }

        /**
         * What happens to marks still queued when a {@code clear} arrives. Exotel does not document it; by default
         * they are dropped without an echo, with {@code true} they are echoed at once.
         */
        public Builder echoMarksOnClear(boolean value) {
            this.echoMarksOnClear = value;
            return this;
        }

        /** Keep both sides' audio for {@link #writeWav}; on by default (about 32 kB per second at 8 kHz). */
        public Builder recordAudio(boolean value) {
            this.recordAudio = value;
            return this;
        }

        /** The voice {@link #speak(String)} uses; {@link CallerVoice#shared()} by default. */
        public Builder callerVoice(CallerVoice value) {
            this.callerVoice = value;
            return this;
        }

        /** The HTTP client to open the socket with, e.g. one with a custom SSL context for {@code wss://}. */
        public Builder httpClient(HttpClient value) {
            this.httpClient = value;
            return this;
        }

        /**
         * Opens the socket (retrying a failed handshake as Exotel does) and starts the call: {@code connected},
         * {@code start}, then caller audio every 100 ms.
         *
         * @throws IllegalArgumentException if the URL or parameters break Exotel's rules
         * @throws CallConnectException if the server refused the socket or could not be reached
         */
        public SimulatedCall connect() throws CallConnectException {
            StreamTarget target = StreamTarget.resolve(url, sampleRate, customParameters);
            SimulatedCall call = new SimulatedCall(this, target);
            warmUp(call);
            call.connect(httpClient != null ? httpClient : SharedHttpClient.INSTANCE, connectTimeout, handshakeRetries);
            return call;
        }
    }

    /**
     * Loads the JSON and message classes before the socket opens: on a busy machine their first use takes hundreds
     * of milliseconds, which would otherwise delay {@code connected}, {@code start} and the first media.
     */
    private static void warmUp(SimulatedCall call) {
        ExotelWire.start(1, call.identity, call.target.customParameters(), call.sampleRate);
        ExotelWire.media(2, call.identity.streamSid(), 1, 0, "");
        BotMessage.parse("{\"event\":\"mark\",\"mark\":{\"name\":\"warm-up\"}}");
    }

    private static final class SharedHttpClient {
        static final HttpClient INSTANCE = HttpClient.newHttpClient();
    }
}
