package dev.voicebot.simulator;

import dev.voicebot.simulator.cli.CallCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** Command-line entry point of the Exotel stand-in: {@code java -jar simulator.jar call --url ws://…}. */
public final class Simulator {

    static final String USAGE = """
            Usage: java -jar simulator/target/simulator.jar call --url ws://host:port/path [options]

            Places one simulated Exotel Voicebot call: sends connected and start, streams caller audio
            every 100 ms (silence when the caller is quiet), plays the bot's audio in real time, echoes
            marks, honours clear, then hangs up (stop, then close) and prints a timeline and summary.

            Call:
              --url URL              ws:// or wss:// URL; user:pass@ becomes an Authorization: Basic header,
                                     query parameters (up to 3, 256 chars) arrive in start.custom_parameters
              --from NUMBER          caller number (default +919876543210)
              --to NUMBER            dialled ExoPhone (default +918000000000)
              --sample-rate HZ       8000 (default), 16000 or 24000; added to the URL as sample-rate
              --param KEY=VALUE      custom parameter, repeatable (added to the URL's query)
              --call-sid ID, --stream-sid ID, --account-sid ID
                                     identifiers in start (random 32-hex-digit sids by default)
            Script (steps run in the order given, each followed by waiting for the bot's reply):
              --say TEXT             caller speech, synthesized with FreeTTS kevin
              --wav FILE             caller audio from a 16-bit PCM WAV file (resampled to the call rate)
              --dtmf DIGITS          key presses, 0-9 * #
            Timing:
              --wait-bot-ms N        how long to wait for the bot to start a reply (default 5000)
              --quiet-ms N           bot silence that ends a reply (default 800)
              --max-reply-ms N       longest reply waited for (default 30000)
              --hangup-after-ms N    hang up N ms after connecting, cutting the script short if needed
              --end REASON           stop reason when hanging up: callended (default) or stopped
              --echo-marks-on-clear  echo marks pending at a clear (undocumented by Exotel; default drops them)
            Output:
              --out FILE.wav         stereo recording: left = caller, right = bot as played

            Exit codes: 0 ok, 1 the bot broke the protocol (malformed frames, chunk sizes not a multiple
            of 320 bytes), 2 the server refused the socket or was unreachable, 3 the connection broke,
            64 bad usage.
            """;

    private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    private Simulator() {}

    public static void main(String[] args) throws InterruptedException {
        // the report goes to stdout; keep slf4j-simple's progress lines off stderr unless asked for
        if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
            System.setProperty(LOG_LEVEL_PROPERTY, "warn");
        }
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        List<String> list = Arrays.asList(args);
        if (list.isEmpty()
                || list.contains("--help")
                || list.contains("-h")
                || list.getFirst().equals("help")) {
            (list.isEmpty() ? err : out).print(USAGE);
            return list.isEmpty() ? CallCommand.EXIT_USAGE : CallCommand.EXIT_OK;
        }
        if (!list.getFirst().equals("call")) {
            err.println("simulator: unknown command '" + list.getFirst() + "'; the only command is 'call'");
            err.print(USAGE);
            return CallCommand.EXIT_USAGE;
        }
        return new CallCommand(out, err).run(list.subList(1, list.size()));
    }
}
