package dev.voicebot.simulator;

import dev.voicebot.simulator.cli.CallCommand;
import dev.voicebot.simulator.cli.ExotelApiCommand;
import dev.voicebot.simulator.cli.LoadCommand;
import dev.voicebot.simulator.demo.DemoCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line entry point of the Exotel stand-in: {@code java -jar simulator.jar call --url ws://…} places one
 * Voicebot call; {@code java -jar simulator.jar exotel-api …} serves the Connect API; {@code java -jar simulator.jar
 * demo --url ws://… --kafka host:port} plays the demo conversation against a running pipeline; {@code java -jar
 * simulator.jar load --url ws://… --calls N} keeps N such conversations in flight and prints latency figures.
 */
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

            Usage: java -jar simulator/target/simulator.jar exotel-api [options]

            Runs a stand-in for Exotel's Connect API until interrupted: POST /v1/Accounts/{sid}/Calls/connect
            and connect.json (form data, HTTP Basic), GET /v1/Accounts/{sid}/Calls/{CallSid}[.json]. Each
            accepted call rings the callee, opens the bot's WebSocket with the returned Sid and the request's
            numbers, lets the callee speak, hangs up and POSTs the StatusCallback. Modes: To (two numbers; From
            is the bot's ExoPhone whose flow runs the Voicebot applet at --voicebot-url), Url (a flow:
            Voicebot applet at --voicebot-url, then Hangup), StreamUrl + StreamType=bidirectional (Voice AI).

            Server:
              --port N               listen port (default 9099; 0 picks a free one), --host ADDR (127.0.0.1)
              --sid ACCOUNT_SID      the account in the path (default standin1)
              --api-key K --api-token T
                                     the only Basic credentials accepted (default: any)
              --voicebot-url URL     the Voicebot applet's URL (default ws://localhost:8765/ws)
              --rate-limit N         answer 429 beyond N requests a minute (Exotel: 200; default off)
              --fault SPEC           the next Connect request fails: 429, 4xx, 5xx (HTML body) or slow:MILLIS;
                                     repeatable, used in order
              --details-lag-ms N     Call Details fill EndTime/Duration/Price N ms after the end (default 0)
            Callee:
              --answer-after-ms N    ring time before the callee answers (default 500)
              --outcome [NUMBER=]O[,O…]
                                     answer, busy, no-answer or failed; with a number, successive calls to it
                                     take the outcomes in turn (the last repeats); without, the default
              --callee-says TEXT     a line the callee says after the bot's reply, repeatable (FreeTTS kevin)
              --callee-stays         after the lines, wait for the bot to close the socket instead of hanging up
              --wait-bot-ms N, --quiet-ms N, --max-reply-ms N
                                     waiting for the bot's replies (defaults 5000, 800, 30000)
            Undocumented by Exotel, so chosen here:
              --two-number-call-sid returned|leg
                                     call_sid on a two-number call's socket (default returned)
              --socket-opens customer-answer|exophone-answer
                                     when a two-number call's socket opens (default customer-answer)
              --start-numbers exophone-first|callee-first
                                     start.from/start.to (default from = CallerId, to = the callee)
            Output:
              --report               print each call's socket report (timeline, turns, summary)
              --exit-after-calls N   exit once N calls have ended

            Usage: java -jar simulator/target/simulator.jar demo --url ws://host:port/ws [options]

            Plays the demo conversation with the appointment line of scripts/appointments.yaml against a running
            pipeline (./voicebot demo runs it): after the greeting the caller books an appointment (a day, yes),
            talks over the bot's confirmation to ask for the opening hours (a barge-in), then says goodbye and the
            bot hangs up. Reads the pipeline's topics to print both sides of the conversation, each turn's latency
            (with the per-stage breakdown of voicebot.turn.latency when the services publish it) and a checklist.
            Waits first until the workers' Kafka consumers own their partitions.

              --url URL              the gateway's socket (required)
              --kafka HOST:PORT      the pipeline's Kafka (default localhost:9092)
              --out FILE.wav         the recording (default demo-call.wav; left = caller, right = bot as played)
              --script LOCATION      the agent script the services use (default classpath:scripts/appointments.yaml)
              --from NUMBER --to NUMBER --sample-rate HZ
                                     as for call
              --ready-timeout-ms N   how long the workers' consumers may take to own their partitions (default 60000)
              --barge-in-after-ms N  how long the bot talks before the caller speaks over it (default 1500)

            Exit codes: 0 every check passed, 1 a check failed, 2 the gateway refused the socket or was unreachable,
            4 Kafka unreachable or the workers not ready, 64 bad usage.

            Usage: java -jar simulator/target/simulator.jar load --url ws://host:port/ws --calls N [options]

            Load-tests a running pipeline: keeps N calls in flight, each playing the demo conversation (as demo
            does, with the caller's lines spoken once by FreeTTS and shared), starting the first calls --stagger-ms
            apart and placing a new call as each one ends, until --seconds have passed; then lets the calls in
            flight finish. Prints voice-to-voice, greeting and barge-in latency percentiles (from turns after the
            warm-up), audio gaps, failed calls (refused, no reply in time, protocol errors, not ended by the bot
            after its goodbye), stuck calls (a call the bot did not end and whose hang-up it did not answer) and
            its own CPU. The
            pipeline must run the demo script (scripts/appointments.yaml), as on the embedded defaults.

              --url URL              the gateway's socket (required)
              --calls N              calls in flight (default 10)
              --seconds N            how long new calls are placed (default 120)
              --stagger-ms N         between the first calls' starts (default 500)
              --warmup-seconds N     latencies are taken from then on (default: once all calls have started)
              --reply-timeout-ms N   a bot reply that starts later is an error (default 10000)
              --sample-rate HZ       8000 (default), 16000 or 24000

            Exit codes: 0 no call failed or stuck, 1 some did, 64 bad usage.
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
        List<String> rest = list.subList(1, list.size());
        return switch (list.getFirst()) {
            case "call" -> new CallCommand(out, err).run(rest);
            case "exotel-api" -> new ExotelApiCommand(out, err).run(rest);
            case "demo" -> new DemoCommand(out, err).run(rest);
            case "load" -> new LoadCommand(out, err).run(rest);
            default -> {
                err.println("simulator: unknown command '" + list.getFirst()
                        + "'; use 'call', 'exotel-api', 'demo' or 'load'");
                err.print(USAGE);
                yield CallCommand.EXIT_USAGE;
            }
        };
    }
}
