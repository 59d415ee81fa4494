package dev.voicebot.simulator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void needsTheGatewaysUrl() throws Exception {
        assertThat(run("--kafka", "localhost:9092")).isEqualTo(DemoCommand.EXIT_USAGE);
        assertThat(err()).contains("--url is required");
    }

    @Test
    void rejectsUnknownOptions() throws Exception {
        assertThat(run("--url", "ws://127.0.0.1:1/ws", "--say", "hello")).isEqualTo(DemoCommand.EXIT_USAGE);
        assertThat(err()).contains("unknown option --say");
    }

    @Test
    void saysSoWhenKafkaCannotBeReached() throws Exception {
        // nothing listens on port 1: the wait for the workers' consumers ends at its time-out
        int exit = run("--url", "ws://127.0.0.1:1/ws", "--kafka", "127.0.0.1:1", "--ready-timeout-ms", "1000");
        assertThat(exit).isEqualTo(DemoCommand.EXIT_PIPELINE_NOT_READY);
        assertThat(err()).contains("the pipeline is not ready");
    }

    private int run(String... args) throws InterruptedException {
        return new DemoCommand(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of(args));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
