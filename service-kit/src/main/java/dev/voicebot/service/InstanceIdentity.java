package dev.voicebot.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The name of this service instance, unique among instances of the same kind. A gateway's route
 * topic is named after it, so it must stay the same across restarts of the same instance (a pod
 * name, a host name plus port), never a random value.
 */
public record InstanceIdentity(String id) {

    public InstanceIdentity {
        if (id == null || !id.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new IllegalArgumentException(
                    "VOICEBOT_INSTANCE_ID must be 1-200 letters, digits, '.', '_' or '-', not '" + id + "'");
        }
    }

    /** The configured id, or the host name and port when none is configured. */
    static InstanceIdentity resolve(String configured, String port) {
        if (configured != null && !configured.isBlank()) {
            return new InstanceIdentity(configured.strip());
        }
        return new InstanceIdentity(sanitize(hostName() + "-" + port));
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
