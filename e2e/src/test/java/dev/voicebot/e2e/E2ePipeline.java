package dev.voicebot.e2e;

import dev.voicebot.simulator.connect.ExotelApiStandIn;
import dev.voicebot.simulator.demo.PipelineReadiness;
import dev.voicebot.testsupport.KafkaTestBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The whole pipeline for the end-to-end tests: a real Kafka broker ({@link KafkaTestBroker}), the five services as
 * separate JVMs from their packaged jars on free ports, and Exotel's Connect API played by an {@link
 * ExotelApiStandIn} in the test JVM, which the dialer calls and which sends the dialer its status callbacks. Started
 * once per test JVM by {@link PipelineExtension}; {@link #close()} stops every process it started.
 */
final class E2ePipeline implements AutoCloseable {

    static final List<String> SERVICES = List.of("gateway", "dialer", "stt-worker", "llm-worker", "tts-worker");

    static final String ACCOUNT_SID = "e2eaccount1";
    static final String EXOTEL_API_KEY = "e2e-api-key";
    static final String EXOTEL_API_TOKEN = "e2e-api-token-0123456789";
    /** The bot's ExoPhone: the caller id of outbound calls, {@code From} in two-numbers mode. */
    static final String EXOPHONE = "+918047100001";

    static final String FLOW_APP_ID = "424242";

    private static final Map<String, String> PORT_VARIABLES = Map.of(
            "gateway", "GATEWAY_PORT",
            "dialer", "DIALER_PORT",
            "stt-worker", "STT_WORKER_PORT",
            "llm-worker", "LLM_WORKER_PORT",
            "tts-worker", "TTS_WORKER_PORT");

    /** As ./voicebot runs them; MaryTTS needs 128 MB or more. */
    private static final List<String> JVM_OPTIONS = List.of(
            "-Xmx256m",
            "-XX:+ExitOnOutOfMemoryError",
            "--enable-native-access=ALL-UNNAMED",
            "-Djava.awt.headless=true");

    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(240);
    private static final Duration CONSUMERS_READY_WITHIN = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int LOG_TAIL_LINES = 60;

    private final String bootstrapServers;
    private final Map<String, Integer> ports;
    private final String dialerApiKey;
    private final ExotelApiStandIn exotel;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Thread killOnExit = new Thread(this::killAll, "e2e-services-kill-on-exit");
    private final Path work;

    private final Map<String, Map<String, String>> overrides;

    private E2ePipeline(
            String bootstrapServers,
            Map<String, Integer> ports,
            ExotelApiStandIn exotel,
            Path work,
            Map<String, Map<String, String>> overrides) {
        this.overrides = Map.copyOf(overrides);
        this.bootstrapServers = bootstrapServers;
        this.ports = ports;
        this.exotel = exotel;
        this.work = work;
        byte[] key = new byte[24];
        ThreadLocalRandom.current().nextBytes(key);
        this.dialerApiKey = HexFormat.of().formatHex(key);
    }

    /** Starts everything and returns once every service is healthy and the workers own their partitions. */
    static E2ePipeline start() throws IOException, InterruptedException {
        return start(Map.of());
    }

    /**
     * Starts everything with some services' settings changed.
     *
     * @param overrides environment variables by service name, set after the pipeline's own
     */
    static E2ePipeline start(Map<String, Map<String, String>> overrides) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Path work =
                Path.of(System.getProperty("voicebot.e2e.work", "target/e2e")).toAbsolutePath();
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String service : SERVICES) {
            jars.put(service, ServiceJars.copy(service, work.resolve("apps")));
        }
        String bootstrap = KafkaTestBroker.bootstrapServers();
        Map<String, Integer> ports = freePorts(SERVICES);
        ExotelApiStandIn exotel = ExotelApiStandIn.builder()
                .address(InetAddress.getLoopbackAddress())
                .accountSid(ACCOUNT_SID)
                .credentials(EXOTEL_API_KEY, EXOTEL_API_TOKEN)
                // the Voicebot applet of the outbound flow; direction=outbound tells the gateway (gateway/README.md)
                .voicebotUrl("ws://127.0.0.1:" + ports.get("gateway") + "/ws?direction=outbound")
                .ringDelay(Duration.ofMillis(200))
                .start();
        E2ePipeline pipeline = new E2ePipeline(bootstrap, ports, exotel, work, overrides);
        Runtime.getRuntime().addShutdownHook(pipeline.killOnExit);
        try {
            for (String service : SERVICES) {
                pipeline.services.put(
                        service,
                        ServiceProcess.start(
                                service,
                                jars.get(service),
                                ports.get(service),
                                pipeline.environment(service),
                                JVM_OPTIONS,
                                work.resolve("logs")));
            }
            pipeline.awaitHealthy(HEALTHY_WITHIN);
            long healthy = System.nanoTime();
            PipelineReadiness.awaitConsumers(bootstrap, PipelineReadiness.WORKER_INPUTS, CONSUMERS_READY_WITHIN);
            System.out.printf(
                    Locale.ROOT,
                    "e2e: %s; services healthy after %.1f s, consumers ready after %.1f s%n",
                    KafkaTestBroker.description(),
                    (healthy - started) / 1e9,
                    (System.nanoTime() - started) / 1e9);
            return pipeline;
        } catch (IOException | InterruptedException | RuntimeException | TimeoutException e) {
            String tails = pipeline.logTails();
            pipeline.close();
            throw new IllegalStateException("the pipeline did not start: " + e.getMessage() + "\n" + tails, e);
        } catch (Error e) {
            pipeline.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** The gateway's socket, as Exotel's Voicebot applet would be given it. */
    String gatewayUrl() {
        return "ws://127.0.0.1:" + ports.get("gateway") + "/ws";
    }

    String dialerUrl() {
        return "http://127.0.0.1:" + ports.get("dialer");
    }

    String dialerApiKey() {
        return dialerApiKey;
    }

    ExotelApiStandIn exotel() {
        return exotel;
    }

    /** The JVM running {@code name}, one of {@link #SERVICES}. */
    ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return service;
    }

    /** The last lines of every service's log, for a failure report. */
    String logTails() {
        return services.values().stream()
                .map(service -> service.logTail(LOG_TAIL_LINES))
                .collect(Collectors.joining("\n"));
    }

    @Override
    public void close() throws InterruptedException {
        try {
            exotel.close();
        } finally {
            services.values().forEach(ServiceProcess::requestStop);
            for (ServiceProcess service : services.values()) {
                service.awaitStop(STOP_GRACE);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
    }

    private Map<String, String> environment(String service) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put(PORT_VARIABLES.get(service), Integer.toString(ports.get(service)));
        // distinct per run: the gateway's route topic is named after it
        env.put(
                "VOICEBOT_INSTANCE_ID",
                "e2e-" + service + "-" + ProcessHandle.current().pid());
        env.put("LOGGING_LEVEL_DEV_VOICEBOT", System.getProperty("voicebot.e2e.log-level", "info"));
        switch (service) {
            case "dialer" -> {
                env.put("DIALER_API_KEY", dialerApiKey);
                env.put("EXOTEL_API_BASE_URL", exotel.baseUrl());
                env.put("EXOTEL_SID", ACCOUNT_SID);
                env.put("EXOTEL_API_KEY", EXOTEL_API_KEY);
                env.put("EXOTEL_API_TOKEN", EXOTEL_API_TOKEN);
                env.put("EXOTEL_PHONE_NUMBER", EXOPHONE);
                env.put("EXOTEL_FLOW_APP_ID", FLOW_APP_ID);
                env.put("DIALER_PUBLIC_URL", dialerUrl());
                env.put("DIALER_STREAM_URL", gatewayUrl());
            }
            case "tts-worker" ->
                env.put("TTS_MARY_BASE_DIR", work.resolve("marytts").toString());
            default -> {}
        }
        env.putAll(overrides.getOrDefault(service, Map.of()));
        return env;
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ServiceProcess> pending = new ArrayList<>(services.values());
        while (!pending.isEmpty()) {
            for (ServiceProcess service : pending) {
                if (!service.isAlive()) {
                    throw new IllegalStateException(service.name() + " exited during start-up");
                }
            }
            pending.removeIf(ServiceProcess::isHealthy);
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("not healthy within " + timeout.toSeconds() + " s: "
                        + pending.stream().map(ServiceProcess::name).collect(Collectors.joining(", ")));
            }
            Thread.sleep(500);
        }
    }

    private void killAll() {
        services.values().forEach(ServiceProcess::kill);
    }

    private static Map<String, Integer> freePorts(List<String> names) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        Set<Integer> taken = new HashSet<>();
        for (String name : names) {
            int port;
            do {
                port = freePort();
            } while (!taken.add(port));
            ports.put(name, port);
        }
        return ports;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }
}
