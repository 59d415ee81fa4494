package dev.voicebot.gateway.route;

import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Down when the route topic reader stopped or has not come back from a poll for a while. */
public final class RouteTopicHealthIndicator implements HealthIndicator {

    private static final Duration STUCK_AFTER = Duration.ofSeconds(30);

    private final RouteTopicReader reader;

    public RouteTopicHealthIndicator(RouteTopicReader reader) {
        this.reader = reader;
    }

    @Override
    public Health health() {
        Duration sincePoll = reader.sinceLastPoll();
        Health.Builder health =
                reader.isRunning() && sincePoll.compareTo(STUCK_AFTER) < 0 ? Health.up() : Health.down();
        return health.withDetail("topic", reader.topic())
                .withDetail("msSinceLastPoll", sincePoll.toMillis())
                .build();
    }
}
