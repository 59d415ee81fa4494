package dev.voicebot.e2e;

import dev.voicebot.simulator.connect.ExotelApiStandIn;
import dev.voicebot.simulator.demo.PipelineReadiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The whole pipeline for the end-to-end tests: a real Kafka broker in a JVM of its own ({@link BrokerProcess}, which a
 * test can restart under the running services), the five services as
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

    private final BrokerProcess broker;
    private final String bootstrapServers;
    private final Map<String, Integer> ports;
    private final String dialerApiKey;
    private final ExotelApiStandIn exotel;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Thread killOnExit = new Thread(this::killAll, "e2e-services-kill-on-exit");
    private final Path work;

    private final Map<String, Map<String, String>> overrides;

    private E2ePipeline(
            BrokerProcess broker,
            Map<String, Integer> ports,
            ExotelApiStandIn exotel,
            Path work,
            Map<String, Map<String, String>> overrides) {
        this.overrides = Map.copyOf(overrides);
        this.broker = broker;
        this.bootstrapServers = broker.bootstrapServers();
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
        for (String service : SERVICES) {
            ServiceJars.copy(service, work.resolve("apps"));
        }
        BrokerProcess broker;
        try {
            broker = BrokerProcess.start(work.resolve("kafka"));
        } catch (TimeoutException e) {
            throw new IllegalStateException("the Kafka broker did not start: " + e.getMessage(), e);
        }
        String bootstrap = broker.bootstrapServers();
        Map<String, Integer> ports = freePorts(SERVICES);
        ExotelApiStandIn exotel;
        try {
            exotel = ExotelApiStandIn.builder()
                    .address(InetAddress.getLoopbackAddress())
                    .accountSid(ACCOUNT_SID)
                    .credentials(EXOTEL_API_KEY, EXOTEL_API_TOKEN)
                    // the Voicebot applet of the outbound flow; direction=outbound tells the gateway
                    // (gateway/README.md)
                    .voicebotUrl("ws://127.0.0.1:" + ports.get("gateway") + "/ws?direction=outbound")
                    .ringDelay(Duration.ofMillis(200))
                    .start();
        } catch (IOException | RuntimeException e) {
            broker.stop();
            throw e;
        }
        E2ePipeline pipeline = new E2ePipeline(broker, ports, exotel, work, overrides);
        Runtime.getRuntime().addShutdownHook(pipeline.killOnExit);
        try {
            for (String service : SERVICES) {
                pipeline.launch(service, service, ports.get(service), Map.of());
            }
            awaitHealthy(pipeline.services.values(), HEALTHY_WITHIN);
            long healthy = System.nanoTime();
            PipelineReadiness.awaitConsumers(bootstrap, PipelineReadiness.WORKER_INPUTS, CONSUMERS_READY_WITHIN);
            System.out.printf(
                    Locale.ROOT,
                    "e2e: %s; services healthy after %.1f s, consumers ready after %.1f s%n",
                    "Kafka broker process at " + bootstrap,
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

    /**
     * Starts one more instance of {@code service} beside the pipeline's own, with its own port and instance id and the
     * same settings plus {@code extra}; it is stopped with the rest. Returns once it is healthy.
     *
     * @param name the instance's name, unique in the pipeline (its log is {@code logs/<name>.log})
     */
    ServiceProcess startInstance(String service, String name, Map<String, String> extra)
            throws IOException, InterruptedException, TimeoutException {
        return startInstances(Map.of(name, service), extra).get(name);
    }

    /** {@link #startInstance} for several instances at once, by name; returns once all are healthy. */
    Map<String, ServiceProcess> startInstances(Map<String, String> serviceByName, Map<String, String> extra)
            throws IOException, InterruptedException, TimeoutException {
        if (!SERVICES.containsAll(serviceByName.values())) {
            throw new IllegalArgumentException("not a service of the pipeline: " + serviceByName.values());
        }
        Map<String, ServiceProcess> started = new LinkedHashMap<>();
        for (var entry : serviceByName.entrySet()) {
            if (services.containsKey(entry.getKey())) {
                throw new IllegalArgumentException("the pipeline already runs an instance named " + entry.getKey());
            }
            started.put(entry.getKey(), launch(entry.getValue(), entry.getKey(), freePort(), extra));
        }
        awaitHealthy(started.values(), HEALTHY_WITHIN);
        return started;
    }

    /** The pipeline's process whose instance id (its VOICEBOT_INSTANCE_ID) is {@code instanceId}, if any. */
    Optional<ServiceProcess> processOf(String instanceId) {
        return services.entrySet().stream()
                .filter(entry -> instanceId(entry.getKey()).equals(instanceId))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** The instance id of the pipeline's instance called {@code name}: distinct per run, gateway route topics carry it. */
    static String instanceId(String name) {
        return "e2e-" + name + "-" + ProcessHandle.current().pid();
    }

    /** The pid of every service process still running, by instance name. */
    Map<String, Long> servicePids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        services.forEach((name, process) -> {
            if (process.isAlive()) {
                pids.put(name, process.pid());
            }
        });
        return pids;
    }

    /** The running service instances whose health is not UP. */
    List<String> unhealthyServices() {
        return services.entrySet().stream()
                .filter(entry -> entry.getValue().isAlive() && !entry.getValue().isHealthy())
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The pipeline's broker, for tests that stop and start it. */
    BrokerProcess broker() {
        return broker;
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
            broker.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
    }

    private ServiceProcess launch(String service, String name, int port, Map<String, String> extra) throws IOException {
        Map<String, String> env = environment(service, name, port);
        env.putAll(extra);
        ServiceProcess process = ServiceProcess.start(
                name, work.resolve("apps").resolve(service + ".jar"), port, env, JVM_OPTIONS, work.resolve("logs"));
        services.put(name, process);
        return process;
    }

    private Map<String, String> environment(String service, String name, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put(PORT_VARIABLES.get(service), Integer.toString(port));
        env.put("VOICEBOT_INSTANCE_ID", instanceId(name));
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

    private static void awaitHealthy(Collection<ServiceProcess> processes, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ServiceProcess> pending = new ArrayList<>(processes);
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
        broker.kill();
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
