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
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
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
