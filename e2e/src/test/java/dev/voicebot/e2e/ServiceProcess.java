package dev.voicebot.e2e;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service running as its own JVM from its packaged jar, with its output in a log file. Environment variables the
 * developer's shell may set for the services are not passed on, so every service runs on its embedded defaults plus
 * what the test sets.
 */
final class ServiceProcess {

    /** Prefixes of the variables the services read; inherited ones would change what is tested. */
    private static final List<String> SERVICE_VARIABLE_PREFIXES = List.of(
            "KAFKA_",
            "VOICEBOT_",
            "GATEWAY_",
            "DIALER_",
            "EXOTEL_",
            "STT_",
            "LLM_",
            "TTS_",
            "OPENAI_",
            "DEEPGRAM_",
            "CARTESIA_",
            "VOSK_",
            "SPRING_",
            "SERVER_",
            "MANAGEMENT_",
            "LOGGING_",
            "JAVA_TOOL_OPTIONS",
            "JDK_JAVA_OPTIONS");

    private static final Pattern METRIC_VALUE = Pattern.compile("\"value\":([-0-9.eE+]+)");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code java <jvmOptions> -jar <jar>} with the java of this JVM.
     *
     * @param environment the service's variables, added to a cleaned copy of this process's environment
     */
    static ServiceProcess start(
            String name, Path jar, int port, Map<String, String> environment, List<String> jvmOptions, Path logDir)
            throws IOException {
        return start(name, List.of("-jar", jar.toString()), port, environment, jvmOptions, logDir);
    }

    /**
     * Starts {@code java <jvmOptions> <launch>} with the java of this JVM, e.g. {@code -cp <classpath> <main class>}.
     *
     * @param port its HTTP port, or 0 for a process without one
     */
    static ServiceProcess start(
            String name,
            List<String> launch,
            int port,
            Map<String, String> environment,
            List<String> jvmOptions,
            Path logDir)
            throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(javaTool("java"));
        command.addAll(jvmOptions);
        command.addAll(launch);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(logDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> SERVICE_VARIABLE_PREFIXES.stream().anyMatch(key::startsWith));
        env.putAll(environment);
        return new ServiceProcess(name, port, log, builder.start());
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** CPU time the process has used so far (user and system), from {@code /proc} (Linux). */
    long cpuNanos() {
        return ProcessCpu.nanos(process.pid());
    }

    /**
     * The heap in use right after a full collection: {@code jcmd <pid> GC.run}, then the actuator's {@code
     * jvm.memory.used} of the heap pools.
     */
    long heapAfterGcBytes() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(javaTool("jcmd"), Long.toString(process.pid()), "GC.run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            jcmd.destroyForcibly();
            throw new IOException("jcmd GC.run failed for " + name);
        }
        return (long) metric("jvm.memory.used?tag=area:heap");
    }

    /** The value of an actuator metric, e.g. {@code voicebot.gateway.calls.active} (tags as {@code ?tag=k:v}). */
    double metric(String nameAndTags) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/metrics/" + nameAndTags))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher value = METRIC_VALUE.matcher(response.body());
        if (response.statusCode() != 200 || !value.find()) {
            throw new IOException(name + " has no metric " + nameAndTags + ": HTTP " + response.statusCode());
        }
        return Double.parseDouble(value.group(1));
    }

    /** Whether {@code /actuator/health} answers UP. */
    boolean isHealthy() {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Asks the JVM to stop (SIGTERM: Spring shuts down gracefully); see {@link #awaitStop}. */
    void requestStop() {
        process.destroy();
    }

    /** Waits for the JVM to exit after {@link #requestStop}, killing it after {@code grace}. */
    void awaitStop(Duration grace) throws InterruptedException {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Waits up to {@code timeout} for the JVM to exit; whether it has. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Kills the JVM at once (SIGKILL): for a test JVM that is going away, or a worker failing. */
    void kill() {
        process.destroyForcibly();
    }

    private static String javaTool(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }

    /** The last {@code lines} lines of the service's output, headed with its name and state. */
    String logTail(int lines) {
        StringBuilder out = new StringBuilder();
        out.append("----- ").append(name).append(" (pid ").append(process.pid()).append(", ");
        out.append(process.isAlive() ? "running" : "exited with " + process.exitValue());
        out.append("), the end of ").append(log).append('\n');
        try {
            // decoded leniently, a log may hold bytes that are not UTF-8; without Kafka's indented configuration
            // dumps, which would fill the tail
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.startsWith("\t"))
                    .toList();
            all.subList(Math.max(0, all.size() - lines), all.size())
                    .forEach(line -> out.append(line).append('\n'));
        } catch (IOException e) {
            out.append("(cannot read the log: ").append(e.getMessage()).append(")\n");
        }
        return out.toString();
    }
}
