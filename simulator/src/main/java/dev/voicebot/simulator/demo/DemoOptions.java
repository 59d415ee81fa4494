package dev.voicebot.simulator.demo;

import dev.voicebot.simulator.CallIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The options of {@code simulator demo}. */
final class DemoOptions {

    /** The command line could not be understood; the message says why. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    String url;
    String kafka = "localhost:9092";
    Path out = Path.of("demo-call.wav");
    String script = "classpath:scripts/appointments.yaml";
    String from = CallIdentity.DEFAULT_FROM;
    String to = CallIdentity.DEFAULT_TO;
    int sampleRate = 8000;
    Duration readyTimeout = Duration.ofSeconds(60);
    Duration bargeInAfter = DemoConversation.Timing.defaults().bargeInAfter();

    static DemoOptions parse(List<String> args) throws UsageException {
        DemoOptions options = new DemoOptions();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException(name + " needs a value");
            }
            options.set(name, value);
        }
        if (options.url == null) {
            throw new UsageException("--url is required (the gateway's socket, e.g. ws://localhost:8765/ws)");
        }
        return options;
    }

    private void set(String name, String value) throws UsageException {
        switch (name) {
            case "--url" -> url = value;
            case "--kafka" -> kafka = value;
            case "--out" -> out = Path.of(value);
            case "--script" -> script = value;
            case "--from" -> from = value;
            case "--to" -> to = value;
            case "--sample-rate" -> sampleRate = (int) number(name, value, 48_000);
            case "--ready-timeout-ms" -> readyTimeout = Duration.ofMillis(number(name, value, Long.MAX_VALUE));
            case "--barge-in-after-ms" -> bargeInAfter = Duration.ofMillis(number(name, value, 60_000));
            default -> throw new UsageException("unknown option " + name);
        }
    }

    private static long number(String name, String value, long max) throws UsageException {
        try {
            long n = Long.parseLong(value.strip());
            if (n < 0 || n > max) {
                throw new UsageException(name + " must be between 0 and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " takes a number, got '" + value + "'");
        }
    }
}
