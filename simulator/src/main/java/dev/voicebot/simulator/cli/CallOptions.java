package dev.voicebot.simulator.cli;

import dev.voicebot.simulator.CallIdentity;
import dev.voicebot.simulator.StopReason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The options of {@code simulator call}. */
final class CallOptions {

    /** One scripted caller action, in command-line order. */
    sealed interface Step {
        record Say(String text) implements Step {}

        record PlayWav(Path file) implements Step {}

        record PressKeys(String digits) implements Step {}
    }

    String url;
    String from = CallIdentity.DEFAULT_FROM;
    String to = CallIdentity.DEFAULT_TO;
    String callSid;
    String streamSid;
    String accountSid = CallIdentity.DEFAULT_ACCOUNT_SID;
    Integer sampleRate;
    final Map<String, String> params = new LinkedHashMap<>();
    final List<Step> steps = new ArrayList<>();
    Duration waitBot = Duration.ofMillis(5000);
    Duration quiet = Duration.ofMillis(800);
    Duration maxReply = Duration.ofMillis(30_000);
    Duration hangupAfter;
    Path out;
    StopReason endReason = StopReason.CALL_ENDED;
    boolean echoMarksOnClear;

    static CallOptions parse(List<String> args) throws UsageException {
        CallOptions options = new CallOptions();
        OptionScanner.scan(
                args,
                name -> {
                    if (!name.equals("--echo-marks-on-clear")) {
                        return false;
                    }
                    options.echoMarksOnClear = true;
                    return true;
                },
                options::set);
        if (options.url == null) {
            throw new UsageException("--url is required");
        }
        return options;
    }

    private void set(String name, String value) throws UsageException {
        switch (name) {
            case "--url" -> url = value;
            case "--from" -> from = value;
            case "--to" -> to = value;
            case "--call-sid" -> callSid = value;
            case "--stream-sid" -> streamSid = value;
            case "--account-sid" -> accountSid = value;
            case "--sample-rate" -> sampleRate = (int) number(name, value);
            case "--param" -> {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException("--param takes key=value, got '" + value + "'");
                }
                params.put(value.substring(0, eq), value.substring(eq + 1));
            }
            case "--say" -> {
                if (value.isBlank()) {
                    throw new UsageException("--say needs some text");
                }
                steps.add(new Step.Say(value));
            }
            case "--wav" -> steps.add(new Step.PlayWav(Path.of(value)));
            case "--dtmf" -> {
                if (!value.matches("[0-9*#]+")) {
                    throw new UsageException("--dtmf takes digits 0-9, * and #, got '" + value + "'");
                }
                steps.add(new Step.PressKeys(value));
            }
            case "--wait-bot-ms" -> waitBot = millis(name, value);
            case "--quiet-ms" -> quiet = millis(name, value);
            case "--max-reply-ms" -> maxReply = millis(name, value);
            case "--hangup-after-ms" -> hangupAfter = millis(name, value);
            case "--out" -> out = Path.of(value);
            case "--end" -> {
                try {
                    endReason = StopReason.fromWire(value);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--end takes callended or stopped, got '" + value + "'");
                }
            }
            default -> throw new UsageException("unknown option " + name);
        }
    }

    private static Duration millis(String name, String value) throws UsageException {
        return Duration.ofMillis(number(name, value));
    }

    static long number(String name, String value) throws UsageException {
        try {
            long n = Long.parseLong(value.strip());
            if (n < 0) {
                throw new UsageException(name + " must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " takes a number, got '" + value + "'");
        }
    }
}
