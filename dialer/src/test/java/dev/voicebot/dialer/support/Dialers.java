package dev.voicebot.dialer.support;

import dev.voicebot.dialer.DialerApplication;
import dev.voicebot.testsupport.KafkaTestBroker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a dialer application context of its own, for tests that restart it or configure it differently. */
public final class Dialers {

    private Dialers() {}

    /** Settings every test dialer shares: the test broker, the stand-in's account, a random port. */
    public static Map<String, String> baseProperties(ExotelStandIn exotel) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.kafka.bootstrap-servers", KafkaTestBroker.bootstrapServers());
        properties.put("voicebot.kafka.partitions", "2");
        properties.put("exotel.api-base-url", exotel.baseUrl());
        properties.put("exotel.sid", ExotelStandIn.SID);
        properties.put("exotel.api-key", ExotelStandIn.KEY);
        properties.put("exotel.api-token", ExotelStandIn.TOKEN);
        properties.put("exotel.phone-number", DialerIntegrationTest.EXOPHONE);
        properties.put("dialer.api-key", DialerIntegrationTest.API_KEY);
        properties.put("dialer.stream-url", "wss://gateway.test/ws");
        properties.put("management.endpoints.web.exposure.include", "health");
        return properties;
    }

    public static ConfigurableApplicationContext start(Map<String, String> properties) {
        List<String> arguments = new ArrayList<>();
        properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(DialerApplication.class).run(arguments.toArray(String[]::new));
    }

    public static Http api(ConfigurableApplicationContext context) {
        return new Http(
                "http://localhost:" + context.getEnvironment().getProperty("local.server.port"),
                DialerIntegrationTest.API_KEY);
    }
}
