package dev.voicebot.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The name of this service instance, unique among instances of the same kind. A gateway's route
 * topic is named after it, so it should stay the same across restarts of the same instance (a pod
 * name, a host name plus port). Kafka shows it as the client id of the instance's consumers.
 */
public record InstanceIdentity(String id) {

    public InstanceIdentity {
        if (id == null || !id.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new IllegalArgumentException(
                    "VOICEBOT_INSTANCE_ID must be 1-200 letters, digits, '.', '_' or '-', not '" + id + "'");
        }
    }

    /**
     * The configured id; else the host name and the fixed port; else, when the port is chosen at
     * start ({@code server.port=0}), the host name and a random suffix: two such instances on one
     * host would otherwise share a name, and so a gateway route topic.
     */
    static InstanceIdentity resolve(String configured, String port) {
        if (configured != null && !configured.isBlank()) {
            return new InstanceIdentity(configured.strip());
        }
        String suffix = hasFixedPort(port) ? port.strip() : randomSuffix();
        return new InstanceIdentity(sanitize(hostName() + "-" + suffix));
    }

    private static boolean hasFixedPort(String port) {
        return port != null && port.strip().matches("[1-9][0-9]*");
    }

    private static String randomSuffix() {
        return "r" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    private static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static String sanitize(String raw) {
        return raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    }
}
