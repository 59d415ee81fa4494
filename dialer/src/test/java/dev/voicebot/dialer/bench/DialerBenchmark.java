package dev.voicebot.dialer.bench;

import dev.voicebot.dialer.support.Dialers;
import dev.voicebot.dialer.support.ExotelStandIn;
import dev.voicebot.dialer.support.Http;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures the dialer against the Exotel stand-in on loopback, with a real (in-process) Kafka broker:
 *
 * <ol>
 *   <li>{@code POST /start} overhead: the client's round trip minus the time the stand-in spent
 *       answering (it answers at once), sequentially and with 8 concurrent clients;
 *   <li>campaign pacing: calls per minute reaching the stand-in against the configured rate, with
 *       the account at Exotel's 200 a minute and status callbacks 0.5 s after each call.
 * </ol>
 *
 * <p>Run: {@code ./mvnw -B -o -q -pl dialer test-compile exec:exec@bench -Dbench.args="--start-requests 2000
 * --pacing-seconds 60 --rates 60,200"}. Prints a Markdown table.
 */
public final class DialerBenchmark {

    private DialerBenchmark() {}

    public static void main(String[] args) throws Exception {
        int startRequests = intArg(args, "--start-requests", 2000);
        int pacingSeconds = intArg(args, "--pacing-seconds", 60);
        int[] rates = Arrays.stream(stringArg(args, "--rates", "60,200").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        StringBuilder report = new StringBuilder();
        try (ExotelStandIn exotel = new ExotelStandIn()) {
            report.append(startOverhead(exotel, startRequests));
            report.append(pacing(exotel, pacingSeconds, rates));
        }
        System.out.println();
        System.out.println(report);
        System.exit(0);
    }

    private static String startOverhead(ExotelStandIn exotel, int requests) throws Exception {
        Map<String, String> properties = Dialers.baseProperties(exotel);
        properties.put("dialer.rate.calls-per-minute", "100000000");
        properties.put("dialer.rate.burst", "100000");
        properties.put("dialer.campaigns.enabled", "false");
        properties.put("logging.level.dev.voicebot.dialer", "WARN");
        StringBuilder out = new StringBuilder("\n## POST /start overhead (Exotel stand-in time subtracted)\n\n");
        out.append("| clients | requests | p50 ms | p90 ms | p99 ms | max ms | stand-in p99 ms | Exotel round trip"
                + " seen by the dialer p50 / p99 ms | calls/s |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        try (ConfigurableApplicationContext dialer = Dialers.start(properties)) {
            Http api = Dialers.api(dialer);
            MeterRegistry meters = dialer.getBean(MeterRegistry.class);
            run(api, exotel, 1, Math.min(500, requests), 0, meters);
            out.append(run(api, exotel, 1, requests, 1_000_000, meters));
            out.append(run(api, exotel, 8, requests, 2_000_000, meters));
        }
        return out.toString();
    }

    private static String run(
            Http api, ExotelStandIn exotel, int clients, int requests, int numberBase, MeterRegistry meters)
            throws Exception {
        Timer exotelTimer = exotelRoundTrips(meters);
        long[] overhead = new long[requests];
        long[] standIn = new long[requests];
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    for (int i = client; i < requests; i += clients) {
                        String number = String.format("+9199%08d", numberBase + i);
                        long sent = System.nanoTime();
                        HttpResponse<String> response =
                                api.postJson("/start", "{\"dialout_settings\":{\"phone_number\":\"" + number + "\"}}");
                        long total = System.nanoTime() - sent;
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(
                                    "/start answered " + response.statusCode() + ": " + response.body());
                        }
                        standIn[i] = exotel.handlingNanosFor(number);
                        overhead[i] = total - standIn[i];
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (numberBase == 0) {
            return "";
        }
        Arrays.sort(overhead);
        Arrays.sort(standIn);
        double[] roundTrip = new double[2];
        for (ValueAtPercentile value : exotelTimer.takeSnapshot().percentileValues()) {
            roundTrip[value.percentile() < 0.9 ? 0 : 1] = value.value(TimeUnit.MILLISECONDS);
        }
        return String.format(
                Locale.ROOT,
                "| %d | %d | %.2f | %.2f | %.2f | %.2f | %.3f | %.2f / %.2f | %.0f |%n",
                clients,
                requests,
                ms(percentile(overhead, 0.50)),
                ms(percentile(overhead, 0.90)),
                ms(percentile(overhead, 0.99)),
                ms(overhead[overhead.length - 1]),
                ms(percentile(standIn, 0.99)),
                roundTrip[0],
                roundTrip[1],
                requests / seconds);
    }

    /** The dialer's own Connect timer; cleared so each run reports only its own requests. */
    private static Timer exotelRoundTrips(MeterRegistry meters) {
        Timer timer =
                meters.find("dialer.exotel.connect").tag("outcome", "placed").timer();
        if (timer != null) {
            meters.remove(timer);
        }
        return Timer.builder("dialer.exotel.connect")
                .tag("outcome", "placed")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    private static String pacing(ExotelStandIn exotel, int seconds, int[] rates) throws Exception {
        Map<String, String> properties = Dialers.baseProperties(exotel);
        properties.put("dialer.rate.calls-per-minute", "200");
        properties.put("dialer.campaigns.max-active-calls", "500");
        properties.put("logging.level.dev.voicebot.dialer", "WARN");
        exotel.autoCallbacks(request -> List.of("answered", "completed"), 250);
        StringBuilder out =
                new StringBuilder("\n## Campaign pacing (account limit 200/min, callbacks 0.5 s after each call)\n\n");
        out.append(
                "| configured /min | window s | calls | achieved /min | error % | busiest 60 s | interval p50 ms | interval p99 ms |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        try (ConfigurableApplicationContext dialer = Dialers.start(properties)) {
            Http api = Dialers.api(dialer);
            int prefix = 10;
            for (int rate : rates) {
                out.append(pace(api, exotel, rate, seconds, prefix++));
            }
        }
        return out.toString();
    }

    private static String pace(Http api, ExotelStandIn exotel, int rate, int seconds, int prefix) throws Exception {
        int rows = rate * seconds / 60 + 30;
        StringBuilder csv = new StringBuilder("phone_number,row\n");
        String numberPrefix = String.format("+9188%02d", prefix);
        for (int i = 0; i < rows; i++) {
            csv.append(numberPrefix)
                    .append(String.format("%06d", i))
                    .append(',')
                    .append(i)
                    .append('\n');
        }
        HttpResponse<String> created = api.post(
                "/campaigns?concurrency=200&calls_per_minute=" + rate + "&calling_hours=00:00-00:00&max_attempts=1",
                "text/csv",
                csv.toString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("campaign refused: " + created.body());
        }
        String id = created.body().replaceAll("(?s).*\"campaign_id\":\"([^\"]+)\".*", "$1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 30);
        List<Long> times;
        do {
            Thread.sleep(200);
            times = exotel.received().stream()
                    .filter(r -> r.customer() != null && r.customer().startsWith(numberPrefix))
                    .map(ExotelStandIn.Received::receivedAtNanos)
                    .sorted()
                    .toList();
        } while ((times.isEmpty() || times.getLast() - times.getFirst() < TimeUnit.SECONDS.toNanos(seconds))
                && System.nanoTime() < deadline);
        api.post("/campaigns/" + id + "/cancel", null, "");
        long windowEnd = times.getFirst() + TimeUnit.SECONDS.toNanos(seconds);
        List<Long> inWindow = times.stream().filter(t -> t < windowEnd).toList();
        double achieved = (inWindow.size() - 1) * 60e9 / (inWindow.getLast() - inWindow.getFirst());
        long[] intervals = new long[inWindow.size() - 1];
        for (int i = 1; i < inWindow.size(); i++) {
            intervals[i - 1] = inWindow.get(i) - inWindow.get(i - 1);
        }
        Arrays.sort(intervals);
        return String.format(
                Locale.ROOT,
                "| %d | %d | %d | %.1f | %+.1f | %d | %.0f | %.0f |%n",
                rate,
                seconds,
                inWindow.size(),
                achieved,
                (achieved - rate) * 100.0 / rate,
                busiestMinute(times),
                ms(percentile(intervals, 0.5)),
                ms(percentile(intervals, 0.99)));
    }

    /** The most calls in any 60-second window (all calls seen, not just the measured window). */
    private static int busiestMinute(List<Long> times) {
        int most = 0;
        int first = 0;
        for (int last = 0; last < times.size(); last++) {
            while (times.get(last) - times.get(first) >= TimeUnit.SECONDS.toNanos(60)) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
