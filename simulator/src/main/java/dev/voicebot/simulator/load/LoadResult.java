package dev.voicebot.simulator.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What a load run measured. Latencies are taken from turns between the end of the warm-up and the time new calls
 * stopped being placed, when the full number of calls was in flight; errors and stuck calls count every call.
 *
 * @param outcomes every call placed
 * @param wallMillis how long the run took, the last calls played to their end included
 * @param minInFlight fewest calls in flight once all slots had started, before new calls stopped
 * @param maxInFlight most calls in flight
 * @param generatorCores CPU the load generator's own process used, in cores (wall-clock average)
 */
public record LoadResult(
        LoadSettings settings,
        List<CallOutcome> outcomes,
        long wallMillis,
        int minInFlight,
        int maxInFlight,
        double generatorCores) {

    private static final int ERRORS_LISTED = 10;

    public LoadResult {
        outcomes = List.copyOf(outcomes);
    }

    public long failedCalls() {
        return outcomes.stream().filter(CallOutcome::failed).count();
    }

    public long stuckCalls() {
        return outcomes.stream().filter(CallOutcome::stuck).count();
    }

    /** Caller end of speech → first bot audio on the socket. */
    public Percentiles voiceToVoice() {
        return measured(outcome -> outcome.voiceToVoice().stream());
    }

    /** {@code start} → the greeting's first audio. */
    public Percentiles greeting() {
        return measured(outcome -> outcome.greeting().stream());
    }

    /** Caller speech onset → {@code clear}. */
    public Percentiles bargeInReaction() {
        return measured(outcome -> outcome.bargeInReactions().stream());
    }

    /** Bot audio running dry mid-turn within the measured window. */
    public long audioGaps() {
        return outcomes.stream()
                .flatMap(outcome -> outcome.audioGapsAtMillis().stream())
                .filter(this::inWindow)
                .count();
    }

    /** The errors, each with how many calls had it (a call's own details, such as timings, folded away). */
    public Map<String, Integer> errorCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        outcomes.stream()
                .flatMap(outcome -> outcome.errors().stream())
                .map(error -> error.replaceAll("\\d+", "N"))
                .forEach(error -> counts.merge(error, 1, Integer::sum));
        return counts;
    }

    /** The figures as lines of text. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "load: %d calls in flight (stagger %d ms) for %d s, figures from %d s on; the run took %.1f s%n",
                settings.calls(),
                settings.stagger().toMillis(),
                settings.duration().toSeconds(),
                settings.warmUp().toSeconds(),
                wallMillis / 1000.0));
        out.append(String.format(
                Locale.ROOT,
                "calls: %d placed, %d failed, %d stuck; in flight min %d, max %d%n",
                outcomes.size(),
                failedCalls(),
                stuckCalls(),
                minInFlight,
                maxInFlight));
        out.append("voice to voice (caller end of speech -> first bot audio): ")
                .append(voiceToVoice())
                .append('\n');
        out.append("greeting (start -> first bot audio): ").append(greeting()).append('\n');
        out.append("barge-in (caller speech onset -> clear): ")
                .append(bargeInReaction())
                .append('\n');
        out.append("audio gaps (bot audio ran dry mid-turn for over 20 ms): ")
                .append(audioGaps())
                .append('\n');
        out.append(String.format(Locale.ROOT, "load generator CPU: %.2f cores%n", generatorCores));
        errorCounts().entrySet().stream().limit(ERRORS_LISTED).forEach(error -> out.append("  error x")
                .append(error.getValue())
                .append(": ")
                .append(error.getKey())
                .append('\n'));
        return out.toString();
    }

    private Percentiles measured(Function<CallOutcome, Stream<CallOutcome.Sample>> samples) {
        return Percentiles.of(outcomes.stream()
                .flatMap(samples)
                .filter(sample -> inWindow(sample.atMillis()))
                .mapToDouble(CallOutcome.Sample::millis)
                .toArray());
    }

    private boolean inWindow(long atMillis) {
        return atMillis >= settings.warmUp().toMillis()
                && atMillis <= settings.duration().toMillis();
    }
}
