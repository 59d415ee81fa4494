package dev.voicebot.simulator.connect;

import com.sun.net.httpserver.HttpServer;
import dev.voicebot.common.privacy.Redact;
import dev.voicebot.simulator.CallIdentity;
import dev.voicebot.simulator.CallerVoice;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for Exotel's Connect API (shared/reference/exotel.md §3): answers {@code POST
 * /v1/Accounts/{sid}/Calls/connect[.json]} and {@code GET /v1/Accounts/{sid}/Calls/{CallSid}[.json]} like Exotel,
 * then plays each accepted call: rings the callee, opens the bot's WebSocket leg with the returned Sid and the
 * request's numbers, lets the callee speak, hangs up, and sends the status callbacks.
 *
 * <pre>{@code
 * try (ExotelApiStandIn exotel = ExotelApiStandIn.builder()
 *         .credentials("key", "token")
 *         .voicebotUrl("ws://localhost:8765/ws")
 *         .ringDelay(Duration.ofMillis(200))
 *         .start()) {
 *     exotel.callees().defaultScript(CalleeScript.saying("yes, this is Asha"));
 *     // point the client at exotel.baseUrl(), place a call, then:
 *     StandInCall call = exotel.awaitCall(Duration.ofSeconds(5)).orElseThrow();
 *     call.awaitEnd(Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class ExotelApiStandIn implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExotelApiStandIn.class);

    private final StandInSettings settings;
    private final HttpServer server;
    private final ExecutorService httpExecutor = Executors.newVirtualThreadPerTaskExecutor();
    private final StatusCallbacks callbacks;
    private final Callees callees = new Callees();
    private final Map<String, StandInCall> calls = new ConcurrentHashMap<>();
    private final List<StandInCall> callOrder = new ArrayList<>();
    private final List<RecordedApiRequest> requests = new ArrayList<>();
    private final ConcurrentLinkedQueue<ApiFault> faults = new ConcurrentLinkedQueue<>();
    private final List<Thread> runners = new ArrayList<>();
    private final Consumer<StandInCall> onCallEnded;
    private boolean closed;

    private ExotelApiStandIn(StandInSettings settings, Consumer<StandInCall> onCallEnded) throws IOException {
        this.settings = settings;
        this.onCallEnded = onCallEnded;
        ExotelTime time = new ExotelTime(settings.zone());
        this.callbacks = new StatusCallbacks(
                new StatusCallbackPayload(time),
                settings.callbackRetries(),
                settings.callbackRetryDelay(),
                settings.callbackTimeout());
        RateLimiter limiter = settings.rateLimitPerMinute()
                .map(n -> new RateLimiter(n, System::nanoTime))
                .orElse(null);
        this.server = HttpServer.create(new InetSocketAddress(settings.address(), settings.port()), 0);
        server.createContext(
                "/", new ApiHandler(settings, limiter, new CallDocuments(time, settings.detailsLag()), new Hooks()));
        server.setExecutor(httpExecutor);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://host:port}: what a client's {@code EXOTEL_API_BASE_URL} points at. */
    public String baseUrl() {
        String host = settings.address().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String accountSid() {
        return settings.accountSid();
    }

    public StandInSettings settings() {
        return settings;
    }

    /** {@code baseUrl/v1/Accounts/{sid}/Calls/connect}, plus {@code .json} when asked. */
    public String connectUrl(boolean json) {
        return baseUrl() + "/v1/Accounts/" + settings.accountSid() + "/Calls/connect" + (json ? ".json" : "");
    }

    /** Who answers and what they say; change it at any time, it applies to calls placed afterwards. */
    public Callees callees() {
        return callees;
    }

    /** Queues a fault for the next Connect request that passes authentication and the rate limit. */
    public ExotelApiStandIn injectFault(ApiFault fault) {
        faults.add(Objects.requireNonNull(fault));
        return this;
    }

    /** Every request received so far, in order. */
    public List<RecordedApiRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Every call accepted so far, in order. */
    public List<StandInCall> calls() {
        synchronized (callOrder) {
            return List.copyOf(callOrder);
        }
    }

    public Optional<StandInCall> call(String sid) {
        return Optional.ofNullable(calls.get(sid));
    }

    /** Waits for the first call to be accepted. */
    public Optional<StandInCall> awaitCall(Duration timeout) throws InterruptedException {
        return awaitCall(0, timeout);
    }

    /** Waits for the {@code index}-th call (0-based) to be accepted. */
    public Optional<StandInCall> awaitCall(int index, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (callOrder) {
            while (callOrder.size() <= index) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return Optional.empty();
                }
                callOrder.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
            }
            return Optional.of(callOrder.get(index));
        }
    }

    /** Stops answering, hangs up the calls still running (without their callbacks) and frees the port. */
    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        List<Thread> running;
        synchronized (runners) {
            closed = true;
            running = List.copyOf(runners);
        }
        running.forEach(Thread::interrupt);
        for (Thread runner : running) {
            runner.join(Duration.ofSeconds(5));
        }
        callbacks.close();
        httpExecutor.shutdownNow();
    }

    private ExotelApiStandIn start() {
        server.start();
        LOG.info("Exotel API stand-in for account {} listening on {}", settings.accountSid(), baseUrl());
        return this;
    }

    /** What {@link ApiHandler} calls back into. */
    private final class Hooks implements ApiHandler.Calls {

        @Override
        public CallSnapshot place(ConnectRequest request) {
            StandInCall call = new StandInCall(CallIdentity.randomSid(), settings.accountSid(), request, Instant.now());
            CallRunner runner = new CallRunner(call, settings, callees, callbacks, this::ended);
            Thread thread = Thread.ofPlatform()
                    .daemon()
                    .name("exotel-call-" + call.sid().substring(0, 8))
                    .unstarted(runner);
            // the answer shows the call as just created, however fast the runner gets on
            CallSnapshot created = call.snapshot();
            synchronized (runners) {
                if (closed) {
                    throw new RestException(503, null, "the stand-in is shutting down");
                }
                calls.put(call.sid(), call);
                synchronized (callOrder) {
                    callOrder.add(call);
                    callOrder.notifyAll();
                }
                runners.add(thread);
                thread.start();
            }
            LOG.info(
                    "call {} accepted: {} from {} via {}",
                    call.sid(),
                    request.mode(),
                    Redact.phone(request.from()),
                    Redact.phone(request.callerId()));
            return created;
        }

        @Override
        public Optional<StandInCall> find(String sid) {
            return call(sid);
        }

        @Override
        public Optional<ApiFault> nextFault() {
            return Optional.ofNullable(faults.poll());
        }

        @Override
        public void record(RecordedApiRequest request) {
            synchronized (requests) {
                requests.add(request);
            }
        }

        private void ended(StandInCall call) {
            synchronized (runners) {
                runners.remove(Thread.currentThread());
            }
            onCallEnded.accept(call);
        }
    }

    /** Configures and starts a stand-in. */
    public static final class Builder {
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port;
        private String accountSid = StandInSettings.DEFAULT_ACCOUNT_SID;
        private String apiKey;
        private String apiToken;
        private String voicebotUrl = StandInSettings.DEFAULT_VOICEBOT_URL;
        private Duration ringDelay = StandInSettings.DEFAULT_RING_DELAY;
        private SocketCallSid socketCallSid = SocketCallSid.RETURNED_SID;
        private SocketOpening socketOpening = SocketOpening.CUSTOMER_ANSWER;
        private StartNumbers startNumbers = StartNumbers.EXOPHONE_TO_CALLEE;
        private Integer rateLimitPerMinute;
        private ZoneId zone = ExotelTime.INDIA;
        private int callbackRetries = 2;
        private Duration callbackRetryDelay = Duration.ofSeconds(1);
        private Duration callbackTimeout = Duration.ofSeconds(15);
        private Duration detailsLag = Duration.ZERO;
        private boolean recordAudio;
        private CalleeScript defaultScript;
        private Consumer<StandInCall> onCallEnded = call -> {};

        private Builder() {}

        /** Where to listen: loopback by default. */
        public Builder address(InetAddress value) {
            this.address = Objects.requireNonNull(value);
            return this;
        }

        /** The port; 0 (the default) picks a free one, see {@link #port()}. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder accountSid(String value) {
            this.accountSid = requireText(value, "account sid");
            return this;
        }

        /** The only Basic credentials accepted; without them any are. */
        public Builder credentials(String key, String token) {
            this.apiKey = requireText(key, "API key");
            this.apiToken = requireText(token, "API token");
            return this;
        }

        /** Where the Voicebot applet of flow calls and of a two-number call's ExoPhone points. */
        public Builder voicebotUrl(String value) {
            this.voicebotUrl = requireText(value, "voicebot URL");
            return this;
        }

        /** How long a rung number takes to answer, or to turn out busy or unanswered; 500 ms by default. */
        public Builder ringDelay(Duration value) {
            this.ringDelay = Objects.requireNonNull(value);
            return this;
        }

        public Builder socketCallSid(SocketCallSid value) {
            this.socketCallSid = Objects.requireNonNull(value);
            return this;
        }

        public Builder socketOpening(SocketOpening value) {
            this.socketOpening = Objects.requireNonNull(value);
            return this;
        }

        public Builder startNumbers(StartNumbers value) {
            this.startNumbers = Objects.requireNonNull(value);
            return this;
        }

        /** Answers 429 beyond {@code perMinute} requests in any 60 s; Exotel's limit is 200. Off by default. */
        public Builder rateLimitPerMinute(int perMinute) {
            this.rateLimitPerMinute = perMinute;
            return this;
        }

        public Builder zone(ZoneId value) {
            this.zone = Objects.requireNonNull(value);
            return this;
        }

        /** Retries of an undelivered callback (2, as Exotel) and the pause before each (1 s). */
        public Builder callbackRetries(int retries, Duration delay) {
            if (retries < 0) {
                throw new IllegalArgumentException("callback retries must not be negative");
            }
            this.callbackRetries = retries;
            this.callbackRetryDelay = Objects.requireNonNull(delay);
            return this;
        }

        public Builder callbackTimeout(Duration value) {
            this.callbackTimeout = Objects.requireNonNull(value);
            return this;
        }

        /** How long after a call its EndTime, Duration and Price appear in Call Details; 0 by default. */
        public Builder detailsLag(Duration value) {
            this.detailsLag = Objects.requireNonNull(value);
            return this;
        }

        /** Keep each socket leg's audio for {@link dev.voicebot.simulator.SimulatedCall#writeWav}; off by default. */
        public Builder recordAudio(boolean value) {
            this.recordAudio = value;
            return this;
        }

        /** What every callee does unless {@link Callees#script} says otherwise. */
        public Builder calleeScript(CalleeScript value) {
            this.defaultScript = Objects.requireNonNull(value);
            return this;
        }

        /** Called on the call's thread when each call has ended (its terminal callback may still be in flight). */
        public Builder onCallEnded(Consumer<StandInCall> value) {
            this.onCallEnded = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Starts listening.
         *
         * @throws IOException if the port cannot be bound
         */
        public ExotelApiStandIn start() throws IOException {
            StandInSettings settings = new StandInSettings(
                    address,
                    port,
                    accountSid,
                    Optional.ofNullable(apiKey),
                    Optional.ofNullable(apiToken),
                    voicebotUrl,
                    ringDelay,
                    socketCallSid,
                    socketOpening,
                    startNumbers,
                    Optional.ofNullable(rateLimitPerMinute),
                    zone,
                    callbackRetries,
                    callbackRetryDelay,
                    callbackTimeout,
                    detailsLag,
                    recordAudio);
            ExotelApiStandIn standIn = new ExotelApiStandIn(settings, onCallEnded);
            if (defaultScript != null) {
                standIn.callees.defaultScript(defaultScript);
                if (!defaultScript.lines().isEmpty()) {
                    // load the voice now so that it does not delay the first callee's first line
                    CallerVoice.shared();
                }
            }
            return standIn.start();
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("the " + what + " must not be blank");
            }
            return value.strip();
        }
    }
}
