package dev.voicebot.gateway.config;

import dev.voicebot.gateway.playback.PlaybackSettings;
import dev.voicebot.gateway.socket.SocketLimits;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's settings ({@code voicebot.gateway.*}); {@code application.yml} maps the
 * environment variables onto them.
 *
 * @param auth who may open a call socket
 * @param route this instance's route topic
 * @param playback how bot audio is cut and paced
 * @param socket limits of a call socket
 */
@ConfigurationProperties("voicebot.gateway")
public record GatewayProperties(Auth auth, Route route, Playback playback, Socket socket) {

    public GatewayProperties {
        auth = auth == null ? new Auth(null, null, null) : auth;
        route = route == null ? new Route(null, null, null) : route;
        playback = playback == null ? new Playback(null, null, null, null, null) : playback;
        socket = socket == null ? new Socket(null, null, null, null, null, null, null, null) : socket;
    }

    /**
     * @param token when set, sockets need {@code ?token=<it>} (GATEWAY_AUTH_TOKEN)
     * @param basicUser with {@code basicPassword}, sockets need these Basic credentials
     */
    public record Auth(String token, String basicUser, String basicPassword) {

        @Override
        public String toString() {
            return "Auth[token " + (token == null || token.isEmpty() ? "unset" : "set") + ", basic "
                    + (basicUser == null || basicUser.isEmpty() ? "unset" : "set") + "]";
        }
    }

    /**
     * @param partitions partitions of the route topic (default 1: one reader thread per instance)
     * @param retention how long route records are kept; they are useless once their call is over
     * @param pollTimeout the reader's poll timeout; bounds how fast it stops, not its latency
     */
    public record Route(Integer partitions, Duration retention, Duration pollTimeout) {

        public Route {
            partitions = partitions == null ? 1 : partitions;
            retention = retention == null ? Duration.ofHours(1) : retention;
            pollTimeout = pollTimeout == null ? Duration.ofMillis(100) : pollTimeout;
            if (partitions < 1) {
                throw new IllegalArgumentException("voicebot.gateway.route.partitions must be at least 1");
            }
        }
    }

    /**
     * @param chunkMs audio per media message (default 200 ms: 3200 bytes at 8 kHz)
     * @param leadMs how far sent audio may run ahead of real time (default 400 ms)
     * @param endCallMarginMs extra wait for the last mark's echo before an {@code EndCall} closes
     * @param tickMs how often the pacer releases due audio
     * @param mediaChunkInfo add {@code media.chunk} and {@code media.timestamp} to bot media, as
     *     Exotel's sample bridges do (undocumented; off by default)
     */
    public record Playback(
            Integer chunkMs, Integer leadMs, Integer endCallMarginMs, Integer tickMs, Boolean mediaChunkInfo) {

        public Playback {
            chunkMs = chunkMs == null ? 200 : chunkMs;
            leadMs = leadMs == null ? 400 : leadMs;
            endCallMarginMs = endCallMarginMs == null ? 2000 : endCallMarginMs;
            tickMs = tickMs == null ? 5 : tickMs;
            mediaChunkInfo = mediaChunkInfo != null && mediaChunkInfo;
        }

        public PlaybackSettings settings() {
            return new PlaybackSettings(chunkMs, leadMs, endCallMarginMs);
        }
    }

    /**
     * @param maxTextMessageBytes larger frames close the socket with 1009
     * @param idleTimeout a started call that sent nothing this long is closed (Exotel streams media
     *     every ~100 ms); also the container's idle timeout
     * @param maxQueuedChars outbound text waiting for a socket before it counts as not reading
     * @param maxSockets sockets held at once, whatever their address; more get 503
     * @param startTimeout a socket without {@code start} this long after connecting is closed
     * @param maxStreamDuration the longest a socket lives (Exotel's streams end at 60 minutes)
     * @param maxQueuedPlayback unplayed bot audio a call may hold; more is dropped and counted
     * @param drainTimeout how long a stopping gateway lets its open calls go on before ending them
     */
    public record Socket(
            Integer maxTextMessageBytes,
            Duration idleTimeout,
            Long maxQueuedChars,
            Integer maxSockets,
            Duration startTimeout,
            Duration maxStreamDuration,
            Duration maxQueuedPlayback,
            Duration drainTimeout) {

        public Socket {
            drainTimeout = drainTimeout == null ? Duration.ofSeconds(30) : drainTimeout;
            maxTextMessageBytes = maxTextMessageBytes == null ? 256 * 1024 : maxTextMessageBytes;
            idleTimeout = idleTimeout == null ? Duration.ofSeconds(60) : idleTimeout;
            maxQueuedChars = maxQueuedChars == null ? 4L * 1024 * 1024 : maxQueuedChars;
            maxSockets = maxSockets == null ? 1000 : maxSockets;
            startTimeout = startTimeout == null ? Duration.ofSeconds(10) : startTimeout;
            maxStreamDuration = maxStreamDuration == null ? Duration.ofMinutes(60) : maxStreamDuration;
            maxQueuedPlayback = maxQueuedPlayback == null ? Duration.ofMinutes(2) : maxQueuedPlayback;
        }

        public SocketLimits limits() {
            return new SocketLimits(maxSockets, startTimeout, idleTimeout, maxStreamDuration, maxQueuedPlayback);
        }
    }
}
