package dev.voicebot.e2e;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real Kafka broker in a JVM of its own (one KRaft node, broker and controller, the recipe of {@code ./voicebot}),
 * on two ports fixed for its lifetime and a data folder that outlives it, so that it can be stopped and started again
 * as the same broker: same address, same topics, same committed offsets. The end-to-end pipeline runs on it, and the
 * broker-restart test restarts it under a call. Its classes come from this test JVM's class path, which has the
 * broker through test-support.
 */
final class BrokerProcess implements AutoCloseable {

    /** Any base64url 16-byte id; fixed, since formatting happens once per data folder. */
    private static final String CLUSTER_ID = "MkU3OEVBNTcwNTJENDM2Qg";

    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path home;
    private final int port;
    private final int controllerPort;
    private Process process;

    private BrokerProcess(Path home, int port, int controllerPort) {
        this.home = home;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Formats a fresh data folder under {@code home} and starts the broker on free ports. */
    static BrokerProcess start(Path home) throws IOException, InterruptedException, TimeoutException {
        deleteRecursively(home);
        Files.createDirectories(home.resolve("data"));
        BrokerProcess broker = new BrokerProcess(home, freePort(), freePort());
        broker.writeConfig();
        broker.format();
        broker.startAgain();
        return broker;
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** CPU time the running broker has used (Linux). */
    long cpuNanos() {
        return ProcessCpu.nanos(process.pid());
    }

    /** Starts the broker (again) on the same ports and data; returns once it serves. */
    void startAgain() throws IOException, InterruptedException, TimeoutException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker is running");
        }
        Path log = home.resolve("broker.log");
        process = java("kafka.Kafka", home.resolve("server.properties").toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "e2e-broker-probe"))) {
            while (!serves(admin)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the broker exited at start; see " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("the broker did not start within " + READY_WITHIN.toSeconds() + " s");
                }
                Thread.sleep(200);
            }
        }
    }

    /** Whether the broker answers with itself as an active node. */
    private static boolean serves(Admin admin) throws InterruptedException {
        try {
            return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Stops the broker cleanly (SIGTERM: a controlled shutdown), killing it after a grace period. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Kills the broker at once, for a test JVM that is going away. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void writeConfig() throws IOException {
        String listeners = "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort;
        List<String> lines = List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=localhost:" + controllerPort,
                "listeners=" + listeners,
                "advertised.listeners=" + listeners,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + home.resolve("data"),
                "num.partitions=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "log.cleaner.dedupe.buffer.size=16777216");
        Files.write(home.resolve("server.properties"), lines);
    }

    private void format() throws IOException, InterruptedException {
        Process format = java(
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        CLUSTER_ID,
                        "-c",
                        home.resolve("server.properties").toString(),
                        "--standalone")
                .redirectOutput(home.resolve("format.log").toFile())
                .start();
        if (!format.waitFor(READY_WITHIN.toMillis(), TimeUnit.MILLISECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException(
                    "formatting the broker's storage failed; see " + home.resolve("format.log"));
        }
    }

    private ProcessBuilder java(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseG1GC",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
