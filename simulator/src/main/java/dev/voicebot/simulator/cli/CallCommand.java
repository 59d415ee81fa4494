package dev.voicebot.simulator.cli;

import dev.voicebot.simulator.CallConnectException;
import dev.voicebot.simulator.CallReport;
import dev.voicebot.simulator.CallStats;
import dev.voicebot.simulator.CallerVoice;
import dev.voicebot.simulator.CloseInfo;
import dev.voicebot.simulator.SimulatedCall;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code simulator call}: places one call, waits for the greeting, plays the scripted caller steps (waiting for the
 * bot's reply after each), hangs up and prints the report.
 */
public final class CallCommand {

    public static final int EXIT_OK = 0;
    public static final int EXIT_PROTOCOL_ERRORS = 1;
    public static final int EXIT_REFUSED = 2;
    public static final int EXIT_CONNECTION_BROKE = 3;
    public static final int EXIT_USAGE = 64;

    private static final Duration DTMF_GAP = Duration.ofMillis(300);

    private final PrintStream out;
    private final PrintStream err;

    public CallCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command; returns the process exit code. */
    public int run(List<String> args) throws InterruptedException {
        CallOptions options;
        try {
            options = CallOptions.parse(args);
        } catch (UsageException e) {
            err.println("simulator call: " + e.getMessage());
            err.println("Run with --help for usage.");
            return EXIT_USAGE;
        }
        if (options.steps.stream().anyMatch(CallOptions.Step.Say.class::isInstance)) {
            // load the voice before dialling so that it does not delay the first caller line
            CallerVoice.shared();
        }
        SimulatedCall call;
        try {
            call = builder(options).connect();
        } catch (IllegalArgumentException e) {
            err.println("simulator call: " + e.getMessage());
            return EXIT_USAGE;
        } catch (CallConnectException e) {
            err.println("simulator call: " + e.getMessage());
            return EXIT_REFUSED;
        }
        try (call) {
            err.printf(
                    Locale.ROOT,
                    "connected: call %s at %d Hz%n",
                    call.identity().callSid(),
                    call.sampleRate());
            runScript(call, options);
            if (call.isOpen()) {
                call.endWith(options.endReason);
            }
        }
        out.print(CallReport.render(call));
        if (options.out != null) {
            try {
                call.writeWav(options.out);
                err.println("wrote " + options.out + " (left: caller, right: bot as played)");
            } catch (IOException e) {
                err.println("simulator call: could not write " + options.out + ": " + e.getMessage());
            }
        }
        return exitCode(call.stats());
    }

    private static SimulatedCall.Builder builder(CallOptions options) {
        SimulatedCall.Builder builder = SimulatedCall.builder(options.url)
                .from(options.from)
                .to(options.to)
                .accountSid(options.accountSid)
                .customParameters(options.params)
                .echoMarksOnClear(options.echoMarksOnClear)
                .recordAudio(options.out != null);
        if (options.callSid != null) {
            builder.callSid(options.callSid);
        }
        if (options.streamSid != null) {
            builder.streamSid(options.streamSid);
        }
        if (options.sampleRate != null) {
            builder.sampleRate(options.sampleRate);
        }
        return builder;
    }

    /** Plays the steps on a helper thread so that {@code --hangup-after-ms} can cut them short. */
    private void runScript(SimulatedCall call, CallOptions options) throws InterruptedException {
        Thread script = Thread.ofPlatform().daemon().name("call-script").start(() -> {
            try {
                playSteps(call, options);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IllegalStateException e) {
                // the call ended while a step was being queued; the report shows how
            } catch (IOException | IllegalArgumentException e) {
                err.println("simulator call: " + e.getMessage());
            }
        });
        if (options.hangupAfter == null) {
            script.join();
            return;
        }
        long deadline = System.nanoTime() + options.hangupAfter.toNanos();
        script.join(options.hangupAfter);
        long remaining = deadline - System.nanoTime();
        if (remaining > 0) {
            call.awaitClose(Duration.ofNanos(remaining));
        }
        if (call.isOpen()) {
            call.endWith(options.endReason);
        }
        script.interrupt();
        script.join(Duration.ofSeconds(2));
    }

    private void playSteps(SimulatedCall call, CallOptions options) throws InterruptedException, IOException {
        awaitReply(call, options, "greeting");
        for (CallOptions.Step step : options.steps) {
            if (!call.isOpen()) {
                return;
            }
            switch (step) {
                case CallOptions.Step.Say say -> call.speak(say.text());
                case CallOptions.Step.PlayWav wav -> call.speakWav(wav.file());
                case CallOptions.Step.PressKeys keys -> pressKeys(call, keys.digits());
            }
            call.awaitCallerIdle(Duration.ofMinutes(10));
            awaitReply(call, options, describe(step));
        }
    }

    private void pressKeys(SimulatedCall call, String digits) throws InterruptedException {
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0) {
                Thread.sleep(DTMF_GAP);
            }
            call.dtmf(digits.charAt(i));
        }
    }

    private void awaitReply(SimulatedCall call, CallOptions options, String after) throws InterruptedException {
        if (!call.awaitBotAudio(options.waitBot)) {
            if (call.isOpen()) {
                err.printf(Locale.ROOT, "no bot audio within %d ms after %s%n", options.waitBot.toMillis(), after);
            }
            return;
        }
        if (!call.awaitBotSilence(options.quiet, options.maxReply)) {
            err.printf(Locale.ROOT, "the bot's reply to %s lasted over %d ms%n", after, options.maxReply.toMillis());
        }
    }

    private static String describe(CallOptions.Step step) {
        return switch (step) {
            case CallOptions.Step.Say say -> "--say";
            case CallOptions.Step.PlayWav wav -> "--wav " + wav.file().getFileName();
            case CallOptions.Step.PressKeys keys -> "--dtmf";
        };
    }

    private static int exitCode(CallStats stats) {
        if (stats.hasProtocolErrors()) {
            return EXIT_PROTOCOL_ERRORS;
        }
        boolean broke = stats.close()
                .map(c -> c.closedBy() == CloseInfo.ClosedBy.NETWORK)
                .orElse(false);
        return broke ? EXIT_CONNECTION_BROKE : EXIT_OK;
    }
}
