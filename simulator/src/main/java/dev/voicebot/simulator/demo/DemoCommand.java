package dev.voicebot.simulator.demo;

import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.common.script.AgentScript;
import dev.voicebot.common.script.ScriptException;
import dev.voicebot.simulator.CallConnectException;
import dev.voicebot.simulator.SimulatedCall;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;

/**
 * {@code simulator demo}: places the demo call ({@link DemoDialogue}) against a running pipeline, records what the
 * pipeline published about it on Kafka, and prints both sides of the conversation with each turn's latency and the
 * checks a newcomer should see pass. Writes the call as a stereo WAV.
 */
public final class DemoCommand {

    public static final int EXIT_OK = 0;
    public static final int EXIT_CHECKS_FAILED = 1;
    public static final int EXIT_REFUSED = 2;
    public static final int EXIT_PIPELINE_NOT_READY = 4;
    public static final int EXIT_USAGE = 64;

    /** The topics whose events make up the transcript. */
    static final List<String> TOPICS =
            List.of(Topics.CALL_EVENTS, Topics.SPEECH, Topics.BOT_SEGMENTS, Topics.TURN_LATENCY);

    /** How long the pipeline's last events (the call's end, the last latency record) may trail the socket's close. */
    private static final Duration TRAILING_EVENTS = Duration.ofSeconds(5);

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(15);

    private static final String KAFKA_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.apache.kafka";

    private final PrintStream out;
    private final PrintStream err;

    public DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the demo; returns the process exit code. */
    public int run(List<String> args) throws InterruptedException {
        if (System.getProperty(KAFKA_LOG_LEVEL) == null) {
            // Kafka's clients warn on every retry; the demo says itself what went wrong
            System.setProperty(KAFKA_LOG_LEVEL, "error");
        }
        DemoOptions options;
        DemoDialogue dialogue;
        try {
            options = DemoOptions.parse(args);
            dialogue = DemoDialogue.of(AgentScript.fromLocation(options.script));
        } catch (DemoOptions.UsageException | IllegalArgumentException | ScriptException e) {
            err.println("simulator demo: " + e.getMessage());
            err.println("Run with --help for usage.");
            return EXIT_USAGE;
        }
        try {
            err.printf(
                    Locale.ROOT,
                    "waiting for the workers' Kafka consumers at %s to own their partitions%n",
                    options.kafka);
            PipelineReadiness.awaitConsumers(options.kafka, PipelineReadiness.WORKER_INPUTS, options.readyTimeout);
        } catch (TimeoutException | KafkaException e) {
            err.println("simulator demo: the pipeline is not ready: " + describe(e));
            return EXIT_PIPELINE_NOT_READY;
        }
        try (PipelineRecorder recorder = PipelineRecorder.start(options.kafka, TOPICS, KAFKA_TIMEOUT)) {
            return call(options, dialogue, recorder);
        } catch (IllegalStateException | KafkaException e) {
            err.println("simulator demo: cannot read the pipeline's topics: " + describe(e));
            return EXIT_PIPELINE_NOT_READY;
        }
    }

    private int call(DemoOptions options, DemoDialogue dialogue, PipelineRecorder recorder)
            throws InterruptedException {
        SimulatedCall call;
        try {
            call = SimulatedCall.builder(options.url)
                    .from(options.from)
                    .to(options.to)
                    .sampleRate(options.sampleRate)
                    .connect();
        } catch (IllegalArgumentException e) {
            err.println("simulator demo: " + e.getMessage());
            return EXIT_USAGE;
        } catch (CallConnectException e) {
            err.println("simulator demo: " + e.getMessage());
            return EXIT_REFUSED;
        }
        long originEpochMillis = System.currentTimeMillis() - call.elapsedMillis();
        ZonedDateTime startedAt = ZonedDateTime.now();
        String callSid = call.identity().callSid();
        err.printf(Locale.ROOT, "calling %s: call %s from %s%n", call.target().displayUrl(), callSid, options.from);
        List<String> problems;
        try (call) {
            DemoConversation.Timing timing = DemoConversation.Timing.defaults();
            problems = DemoConversation.play(
                    call,
                    dialogue,
                    new DemoConversation.Timing(
                            timing.replyStart(), timing.replyEnd(), options.bargeInAfter, timing.hangUp()));
        }
        recorder.await(callSid, CallEnded.class::isInstance, TRAILING_EVENTS);
        DemoTranscript transcript = DemoTranscript.of(call, recorder.events(callSid), originEpochMillis);
        List<DemoChecks.Check> checks =
                DemoChecks.of(transcript, dialogue, dialogue.expectedBotLines(options.from, options.to, startedAt));
        out.print(DemoPrinter.render(transcript, checks));
        problems.forEach(problem -> out.println("  note  " + problem));
        writeWav(call, options.out);
        return DemoChecks.allPassed(checks) ? EXIT_OK : EXIT_CHECKS_FAILED;
    }

    /** The message and the messages of its causes: Kafka's client errors say little on their own. */
    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    private void writeWav(SimulatedCall call, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            call.writeWav(file);
            out.printf(Locale.ROOT, "%nRecording: %s (stereo: left the caller, right the bot as played)%n", file);
        } catch (IOException e) {
            err.println("simulator demo: could not write " + file + ": " + e.getMessage());
        }
    }
}
