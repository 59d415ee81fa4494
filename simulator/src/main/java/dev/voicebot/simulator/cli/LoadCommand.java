package dev.voicebot.simulator.cli;

import dev.voicebot.simulator.load.LoadResult;
import dev.voicebot.simulator.load.LoadRun;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code simulator load}: keeps N simulated Exotel calls in flight against a gateway, each playing the demo
 * conversation, and prints latency percentiles, errors and stuck calls.
 */
public final class LoadCommand {

    /** Some calls failed or stayed open. */
    public static final int EXIT_CALLS_FAILED = 1;

    private final PrintStream out;
    private final PrintStream err;

    public LoadCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command; returns the process exit code. */
    public int run(List<String> args) throws InterruptedException {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (UsageException e) {
            err.println("simulator load: " + e.getMessage());
            err.println("Run with --help for usage.");
            return CallCommand.EXIT_USAGE;
        }
        LoadResult result;
        try {
            result = LoadRun.run(options.settings(), out::println);
        } catch (IllegalArgumentException e) {
            err.println("simulator load: " + e.getMessage());
            return CallCommand.EXIT_USAGE;
        }
        out.print(result.render());
        return result.failedCalls() == 0 && result.stuckCalls() == 0 ? CallCommand.EXIT_OK : EXIT_CALLS_FAILED;
    }
}
