package dev.voicebot.testsupport.deploy;

import static dev.voicebot.testsupport.deploy.DeploymentFiles.ROOT;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Prometheus names of the metrics the services export. The meters are found in the services'
 * sources ({@code Timer.builder("name")...register(...)}, {@code registry.counter("name", ...)} and
 * the like), registered in Micrometer's real Prometheus registry with the same kind and histogram
 * settings, and scraped: the names are the exporter's, not a re-implementation of its naming rules.
 * Spring Boot's JVM and process meters are bound the same way.
 */
final class ExportedMetrics {

    private static final Pattern BUILDER = Pattern.compile(
            "\\b(Timer|Counter|Gauge|FunctionCounter|DistributionSummary)\\.builder\\(\\s*(\"[^\"]+\"|[A-Z][A-Z0-9_]*)(.*?)\\.register\\(",
            Pattern.DOTALL);
    private static final Pattern REGISTRY_SHORTHAND =
            Pattern.compile("\\b(?:registry|meters)\\.(counter|timer|gauge|summary)\\(\\s*\"([^\"]+)\"");

    private ExportedMetrics() {}

    static Set<String> scrapeNames() throws IOException {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (Path source : mainSources()) {
            String text = Files.readString(source);
            Matcher builder = BUILDER.matcher(text);
            while (builder.find()) {
                String name = resolve(builder.group(2), text);
                register(registry, builder.group(1), name, builder.group(3));
            }
            Matcher shorthand = REGISTRY_SHORTHAND.matcher(text);
            while (shorthand.find()) {
                String kind =
                        switch (shorthand.group(1)) {
                            case "counter" -> "Counter";
                            case "timer" -> "Timer";
                            case "summary" -> "DistributionSummary";
                            default -> "Gauge";
                        };
                register(registry, kind, shorthand.group(2), "");
            }
        }
        new JvmMemoryMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        var names = new TreeSet<String>();
        registry.scrape()
                .lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .forEach(names::add);
        registry.close();
        return names;
    }

    private static void register(MeterRegistry registry, String kind, String name, String settings) {
        boolean histogram = settings.contains("publishPercentileHistogram");
        boolean percentiles = settings.contains("publishPercentiles");
        switch (kind) {
            case "Timer" -> {
                Timer.Builder timer = Timer.builder(name).publishPercentileHistogram(histogram);
                if (percentiles) {
                    timer.publishPercentiles(0.5);
                }
                timer.register(registry).record(Duration.ofMillis(1));
            }
            case "DistributionSummary" -> {
                DistributionSummary.Builder summary =
                        DistributionSummary.builder(name).publishPercentileHistogram(histogram);
                if (percentiles) {
                    summary.publishPercentiles(0.5);
                }
                summary.register(registry).record(1);
            }
            case "Counter" -> Counter.builder(name).register(registry).increment();
            case "FunctionCounter" ->
                FunctionCounter.builder(name, registry, r -> 1.0).register(registry);
            default -> Gauge.builder(name, () -> 1).register(registry);
        }
    }

    /** A meter name given as a literal, or as a constant of the same file. */
    private static String resolve(String literalOrConstant, String text) {
        if (literalOrConstant.startsWith("\"")) {
            return literalOrConstant.substring(1, literalOrConstant.length() - 1);
        }
        Matcher constant = Pattern.compile("\\b" + literalOrConstant + "\\s*=\\s*\"([^\"]+)\"")
                .matcher(text);
        if (!constant.find()) {
            throw new AssertionError("meter name constant " + literalOrConstant + " not found");
        }
        return constant.group(1);
    }

    private static List<Path> mainSources() throws IOException {
        var sources = new ArrayList<Path>();
        for (String module : Stream.concat(DeploymentFiles.SERVICES.stream(), Stream.of("service-kit"))
                .toList()) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                files.filter(file -> file.toString().endsWith(".java")).sorted().forEach(sources::add);
            }
        }
        return sources;
    }
}
