package dev.voicebot.llm;

import dev.voicebot.llm.config.LlmWorkerProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The agent: transcripts in, reply segments and call actions out. */
@SpringBootApplication
@EnableConfigurationProperties(LlmWorkerProperties.class)
public class LlmWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(LlmWorkerApplication.class, args);
    }
}
