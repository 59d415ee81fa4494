package dev.voicebot.simulator.cli;

import dev.voicebot.simulator.connect.ApiFault;
import dev.voicebot.simulator.connect.CalleeOutcome;
import dev.voicebot.simulator.connect.CalleeScript;
import dev.voicebot.simulator.connect.SocketCallSid;
import dev.voicebot.simulator.connect.SocketOpening;
import dev.voicebot.simulator.connect.StandInSettings;
import dev.voicebot.simulator.connect.StartNumbers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The options of {@code simulator exotel-api}. */
final class ExotelApiOptions {

    static final int DEFAULT_PORT = 9099;

    String host = "127.0.0.1";
    int port = DEFAULT_PORT;
    String voicebotUrl = StandInSettings.DEFAULT_VOICEBOT_URL;
    String accountSid = StandInSettings.DEFAULT_ACCOUNT_SID;
    String apiKey;
    String apiToken;
    Duration answerAfter = StandInSettings.DEFAULT_RING_DELAY;
    final List<String> calleeLines = new ArrayList<>();
    boolean calleeStays;
    Duration waitBot = CalleeScript.DEFAULT_WAIT_FOR_BOT;
    Duration quiet = CalleeScript.DEFAULT_QUIET;
    Duration maxReply = CalleeScript.DEFAULT_MAX_REPLY;
    CalleeOutcome defaultOutcome = CalleeOutcome.ANSWER;
    final Map<String, List<CalleeOutcome>> outcomes = new LinkedHashMap<>();
    SocketCallSid socketCallSid = SocketCallSid.RETURNED_SID;
    SocketOpening socketOpening = SocketOpening.CUSTOMER_ANSWER;
    StartNumbers startNumbers = StartNumbers.EXOPHONE_TO_CALLEE;
    Integer rateLimit;
    final List<ApiFault> faults = new ArrayList<>();
    Duration detailsLag = Duration.ZERO;
    Integer exitAfterCalls;
    boolean report;

    CalleeScript script() {
        return new CalleeScript(calleeLines, !calleeStays, waitBot, quiet, maxReply);
    }

    static ExotelApiOptions parse(List<String> args) throws UsageException {
        ExotelApiOptions options = new ExotelApiOptions();
        OptionScanner.scan(args, options::flag, options::set);
        if ((options.apiKey == null) != (options.apiToken == null)) {
            throw new UsageException("--api-key and --api-token go together");
        }
        return options;
    }

    private boolean flag(String name) {
        switch (name) {
            case "--callee-stays" -> calleeStays = true;
            case "--report" -> report = true;
            default -> {
                return false;
            }
        }
        return true;
    }

    private void set(String name, String value) throws UsageException {
        switch (name) {
            case "--host" -> host = value;
            case "--port" -> port = (int) Numbers.parse(name, value, 65_535);
            case "--voicebot-url" -> voicebotUrl = value;
            case "--sid" -> accountSid = value;
            case "--api-key" -> apiKey = value;
            case "--api-token" -> apiToken = value;
            case "--answer-after-ms" -> answerAfter = Numbers.millis(name, value);
            case "--callee-says" -> {
                if (value.isBlank()) {
                    throw new UsageException("--callee-says needs some text");
                }
                calleeLines.add(value);
            }
            case "--wait-bot-ms" -> waitBot = Numbers.millis(name, value);
            case "--quiet-ms" -> quiet = Numbers.millis(name, value);
            case "--max-reply-ms" -> maxReply = Numbers.millis(name, value);
            case "--outcome" -> outcome(value);
            case "--two-number-call-sid" ->
                socketCallSid = choose(name, value, "returned", "leg") == 0
                        ? SocketCallSid.RETURNED_SID
                        : SocketCallSid.DISTINCT_LEG_SID;
            case "--socket-opens" ->
                socketOpening = choose(name, value, "customer-answer", "exophone-answer") == 0
                        ? SocketOpening.CUSTOMER_ANSWER
                        : SocketOpening.EXOPHONE_ANSWER;
            case "--start-numbers" ->
                startNumbers = choose(name, value, "exophone-first", "callee-first") == 0
                        ? StartNumbers.EXOPHONE_TO_CALLEE
                        : StartNumbers.CALLEE_TO_EXOPHONE;
            case "--rate-limit" -> {
                rateLimit = (int) Numbers.parse(name, value, Integer.MAX_VALUE);
                if (rateLimit == 0) {
                    throw new UsageException("--rate-limit must allow at least one request a minute");
                }
            }
            case "--fault" -> {
                try {
                    faults.add(ApiFault.parse(value));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
            case "--details-lag-ms" -> detailsLag = Numbers.millis(name, value);
            case "--exit-after-calls" -> exitAfterCalls = (int) Numbers.parse(name, value, Integer.MAX_VALUE);
            default -> throw new UsageException("unknown option " + name);
        }
    }

    /** {@code [NUMBER=]OUTCOME[,OUTCOME…]}: without a number it is the default for everyone. */
    private void outcome(String value) throws UsageException {
        int eq = value.indexOf('=');
        String number = eq < 0 ? null : value.substring(0, eq).strip();
        List<CalleeOutcome> list = new ArrayList<>();
        try {
            for (String part : value.substring(eq + 1).split(",")) {
                list.add(CalleeOutcome.parse(part));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--outcome: " + e.getMessage());
        }
        if (number == null) {
            if (list.size() != 1) {
                throw new UsageException("--outcome without a number takes one outcome, got '" + value + "'");
            }
            defaultOutcome = list.getFirst();
        } else if (number.isEmpty()) {
            throw new UsageException("--outcome takes [NUMBER=]OUTCOME[,OUTCOME…], got '" + value + "'");
        } else {
            outcomes.put(number, list);
        }
    }

    private static int choose(String name, String value, String... choices) throws UsageException {
        for (int i = 0; i < choices.length; i++) {
            if (choices[i].equalsIgnoreCase(value.strip())) {
                return i;
            }
        }
        throw new UsageException(name + " takes " + String.join(" or ", choices) + ", got '" + value + "'");
    }
}
