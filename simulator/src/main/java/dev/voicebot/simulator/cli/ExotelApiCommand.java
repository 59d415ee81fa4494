package dev.voicebot.simulator.cli;

import dev.voicebot.common.privacy.Redact;
import dev.voicebot.simulator.CallReport;
import dev.voicebot.simulator.connect.CallSnapshot;
import dev.voicebot.simulator.connect.CalleeOutcome;
import dev.voicebot.simulator.connect.ExotelApiStandIn;
import dev.voicebot.simulator.connect.StandInCall;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;

/**
 * {@code simulator exotel-api}: runs the Connect API stand-in until interrupted (or until {@code --exit-after-calls}
 * calls have ended), printing one line per call and, with {@code --report}, the bot socket's full report.
 */
public final class ExotelApiCommand {

    public static final int EXIT_CANNOT_LISTEN = 2;

    private final PrintStream out;
    private final PrintStream err;

    public ExotelApiCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command; returns the process exit code. */
    public int run(List<String> args) throws InterruptedException {
        ExotelApiOptions options;
        ExotelApiStandIn.Builder builder;
        try {
            options = ExotelApiOptions.parse(args);
            builder = builder(options);
        } catch (UsageException | IllegalArgumentException e) {
            err.println("simulator exotel-api: " + e.getMessage());
            err.println("Run with --help for usage.");
            return CallCommand.EXIT_USAGE;
        }
        Semaphore ended = new Semaphore(0);
        builder.onCallEnded(call -> {
            print(call, options.report);
            ended.release();
        });
        ExotelApiStandIn standIn;
        try {
            standIn = builder.start();
        } catch (IOException e) {
            err.println("simulator exotel-api: cannot listen on " + options.host + ":" + options.port + ": "
                    + e.getMessage());
            return EXIT_CANNOT_LISTEN;
        }
        Thread shutdown = new Thread(() -> closeQuietly(standIn), "exotel-api-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try (standIn) {
            standIn.callees().defaultOutcome(options.defaultOutcome);
            options.outcomes.forEach((number, list) -> standIn.callees()
                    .outcomes(
                            number,
                            list.getFirst(),
                            list.subList(1, list.size()).toArray(CalleeOutcome[]::new)));
            options.faults.forEach(standIn::injectFault);
            out.printf(
                    Locale.ROOT,
                    "Exotel API stand-in for account %s on %s%n  POST %s (JSON) or %s (XML)%n  flows and ExoPhones "
                            + "open %s%n",
                    standIn.accountSid(),
                    standIn.baseUrl(),
                    standIn.connectUrl(true),
                    standIn.connectUrl(false),
                    options.voicebotUrl);
            out.flush();
            if (options.exitAfterCalls == null) {
                ended.acquire(Integer.MAX_VALUE);
            } else {
                ended.acquire(options.exitAfterCalls);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdown);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook closes the stand-in
            }
        }
        return CallCommand.EXIT_OK;
    }

    private static ExotelApiStandIn.Builder builder(ExotelApiOptions options) throws UsageException {
        ExotelApiStandIn.Builder builder = ExotelApiStandIn.builder()
                .address(address(options.host))
                .port(options.port)
                .accountSid(options.accountSid)
                .voicebotUrl(options.voicebotUrl)
                .ringDelay(options.answerAfter)
                .calleeScript(options.script())
                .socketCallSid(options.socketCallSid)
                .socketOpening(options.socketOpening)
                .startNumbers(options.startNumbers)
                .detailsLag(options.detailsLag);
        if (options.apiKey != null) {
            builder.credentials(options.apiKey, options.apiToken);
        }
        if (options.rateLimit != null) {
            builder.rateLimitPerMinute(options.rateLimit);
        }
        return builder;
    }

    private static InetAddress address(String host) throws UsageException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UsageException("--host: unknown host " + host);
        }
    }

    private void print(StandInCall call, boolean report) {
        CallSnapshot snapshot = call.snapshot();
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "call %s %s to %s: %s, %d s connected",
                call.sid(),
                call.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                Redact.phone(call.request().callee()),
                snapshot.status(),
                snapshot.conversationSeconds()));
        call.socketCallSid().ifPresent(sid -> line.append(", socket call_sid ").append(sid));
        call.socket().flatMap(socket -> socket.stats().close()).ifPresent(close -> line.append(", socket closed by ")
                .append(close.closedBy().name().toLowerCase(Locale.ROOT)));
        synchronized (out) {
            out.println(line);
            if (report) {
                call.socket().ifPresent(socket -> out.print(CallReport.render(socket)));
            }
            out.flush();
        }
    }

    private static void closeQuietly(ExotelApiStandIn standIn) {
        try {
            standIn.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
