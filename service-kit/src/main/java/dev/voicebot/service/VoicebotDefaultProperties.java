package dev.voicebot.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code voicebot-defaults.yml} as the lowest-priority property source of every service, so the
 * latency-tuned Kafka client settings apply everywhere while an application's own configuration,
 * system properties and environment variables still override each of them.
 */
public class VoicebotDefaultProperties implements EnvironmentPostProcessor {

    static final String RESOURCE = "voicebot-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            for (var source : new YamlPropertySourceLoader().load(RESOURCE, new ClassPathResource(RESOURCE))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from service-kit", e);
        }
    }
}
