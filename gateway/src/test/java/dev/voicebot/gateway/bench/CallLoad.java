package dev.voicebot.gateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** A set of simulated calls: their sockets, their inbound media and their bot's outbound turns. */
final class CallLoad implements AutoCloseable {

    private static final int CLIENTS = 4;
    private static final int OPENING_BATCH = 25;

    final List<SimulatedCall> calls;
    private final BenchBot bot;
    private final ScheduledExecutorService inbound = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "bench-exotel-media");
        thread.setDaemon(true);
        return thread;
    });

    private CallLoad(List<SimulatedCall> calls, BenchBot bot) {
        this.calls = calls;
        this.bot = bot;
    }

    /** Opens {@code count} sockets and sends {@code connected} and {@code start} on each. */
    static CallLoad open(URI uri, String prefix, int count, int sampleRate, String bootstrapServers) throws Exception {
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(HttpClient.newHttpClient());
        }
        List<SimulatedCall> calls = new ArrayList<>();
        for (int i = 0; i < count; i += OPENING_BATCH) {
            List<CompletableFuture<SimulatedCall>> batch = new ArrayList<>();
            for (int j = i; j < Math.min(count, i + OPENING_BATCH); j++) {
                batch.add(SimulatedCall.open(clients.get(j % CLIENTS), uri, prefix + j, sampleRate));
            }
            for (CompletableFuture<SimulatedCall> opening : batch) {
                SimulatedCall call = opening.get(30, TimeUnit.SECONDS);
                call.start();
                calls.add(call);
            }
        }
        return new CallLoad(calls, new BenchBot(bootstrapServers));
    }

    /** Starts 100 ms caller frames on every call and a 2 s bot turn per call every 2 s. */
    void stream(int sampleRate, String route) {
        for (SimulatedCall call : calls) {
            inbound.scheduleAtFixedRate(
                    call::sendMediaFrame, ThreadLocalRandom.current().nextLong(100), 100, TimeUnit.MILLISECONDS);
        }
        bot.start(calls.stream().map(c -> c.callSid).toList(), sampleRate, route, Duration.ofSeconds(2));
    }

    long mediaReceived() {
        return calls.stream().mapToLong(c -> c.mediaReceived.get()).sum();
    }

    int open() {
        return (int) calls.stream().filter(c -> !c.closed()).count();
    }

    long sendErrors() {
        return calls.stream().mapToLong(c -> c.sendErrors.get()).sum();
    }

    /** Stops streaming and hangs every call up with {@code stop}. */
    @Override
    public void close() {
        inbound.shutdownNow();
        bot.close();
        calls.forEach(SimulatedCall::stop);
    }
}
