package dev.voicebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceJarsTest {

    @Test
    void aMissingJarIsNamedWithTheCommandThatBuildsIt(@TempDir Path root) {
        assertThatThrownBy(() -> ServiceJars.jar(root, "gateway"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gateway/target/gateway-")
                .hasMessageContaining("is missing")
                .hasMessageContaining(
                        "./mvnw -B -DskipTests -pl gateway,dialer,stt-worker,llm-worker,tts-worker -am package");
    }

    @Test
    void findsTheRepositoryTheBuildNames() {
        assertThat(ServiceJars.root().resolve("voicebot")).isRegularFile();
    }
}
