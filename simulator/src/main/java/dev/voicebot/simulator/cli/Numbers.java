package dev.voicebot.simulator.cli;

import java.time.Duration;

/** Whole-number option values. */
final class Numbers {

    private Numbers() {}

    static Duration millis(String name, String value) throws UsageException {
        return Duration.ofMillis(parse(name, value, Long.MAX_VALUE));
    }

    static long parse(String name, String value, long max) throws UsageException {
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
