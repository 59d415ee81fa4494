package dev.voicebot.simulator.cli;

import dev.voicebot.simulator.demo.DemoConversation;
import dev.voicebot.simulator.load.LoadSettings;
import java.time.Duration;
import java.util.List;

/** The options of {@code simulator load}. */
final class LoadOptions {

    String url;
    int calls = 10;
    Duration duration = Duration.ofSeconds(120);
    Duration stagger = Duration.ofMillis(500);
    Duration warmUp;
    int sampleRate = LoadSettings.DEFAULT_SAMPLE_RATE;
    Duration replyTimeout = LoadSettings.loadTiming().replyStart();

    static LoadOptions parse(List<String> args) throws UsageException {
        LoadOptions options = new LoadOptions();
        OptionScanner.scan(args, name -> false, options::set);
        if (options.url == null) {
            throw new UsageException("--url is required (the gateway's socket, e.g. ws://localhost:8765/ws)");
        }
        if (options.calls < 1) {
            throw new UsageException("--calls must be at least 1");
        }
        return options;
    }

    LoadSettings settings() {
        DemoConversation.Timing timing = LoadSettings.loadTiming();
        Duration rampUp = stagger.multipliedBy(calls - 1L);
        return new LoadSettings(
                url,
                calls,
                duration,
                stagger,
                warmUp != null ? warmUp : rampUp,
                sampleRate,
                new DemoConversation.Timing(replyTimeout, timing.replyEnd(), timing.bargeInAfter(), timing.hangUp()));
    }

    private void set(String name, String value) throws UsageException {
        switch (name) {
            case "--url" -> url = value;
            case "--calls" -> calls = (int) Math.min(CallOptions.number(name, value), 100_000);
            case "--seconds" -> duration = Duration.ofSeconds(CallOptions.number(name, value));
            case "--stagger-ms" -> stagger = Duration.ofMillis(CallOptions.number(name, value));
            case "--warmup-seconds" -> warmUp = Duration.ofSeconds(CallOptions.number(name, value));
            case "--sample-rate" -> sampleRate = (int) CallOptions.number(name, value);
            case "--reply-timeout-ms" -> replyTimeout = Duration.ofMillis(CallOptions.number(name, value));
            default -> throw new UsageException("unknown option " + name);
        }
    }
}
