package dev.voicebot.gateway.config;

import dev.voicebot.gateway.exotel.ExotelCodec;
import dev.voicebot.gateway.kafka.CallPublisher;
import dev.voicebot.gateway.latency.TurnLatencyRecorder;
import dev.voicebot.gateway.metrics.GatewayMetrics;
import dev.voicebot.gateway.playback.PlaybackPacer;
import dev.voicebot.gateway.route.GatewayRoute;
import dev.voicebot.gateway.route.RouteRecordHandler;
import dev.voicebot.gateway.route.RouteTopicHealthIndicator;
import dev.voicebot.gateway.route.RouteTopicReader;
import dev.voicebot.gateway.socket.CallDrain;
import dev.voicebot.gateway.socket.ExotelHandshakeInterceptor;
import dev.voicebot.gateway.socket.ExotelSocketHandler;
import dev.voicebot.gateway.socket.GatewayAuth;
import dev.voicebot.gateway.socket.LiveCalls;
import dev.voicebot.gateway.socket.OpenSockets;
import dev.voicebot.gateway.socket.SocketLimits;
import dev.voicebot.gateway.socket.SocketWatchdog;
import dev.voicebot.service.InstanceIdentity;
import dev.voicebot.service.VoicebotKafkaProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Wires the gateway: its route topic and reader, the socket handler, pacing and metrics. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
class GatewayConfiguration {

    @Bean
    GatewayRoute gatewayRoute(InstanceIdentity instance) {
        return GatewayRoute.forInstance(instance.id());
    }

    /** Created at start-up by Boot's KafkaAdmin, like the shared topics. */
    @Bean
    NewTopic gatewayRouteTopic(GatewayRoute route, GatewayProperties properties, VoicebotKafkaProperties kafka) {
        return TopicBuilder.name(route.topic())
                .partitions(properties.route().partitions())
                .replicas(kafka.replicationFactor())
                .config(
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(properties.route().retention().toMillis()))
                .build();
    }

    @Bean
    GatewayMetrics gatewayMetrics(MeterRegistry registry) {
        return new GatewayMetrics(registry);
    }

    @Bean
    LiveCalls liveCalls(GatewayMetrics metrics) {
        LiveCalls calls = new LiveCalls();
        metrics.activeCalls(calls::size);
        return calls;
    }

    @Bean
    ExotelCodec exotelCodec() {
        return new ExotelCodec();
    }

    @Bean(destroyMethod = "close")
    PlaybackPacer playbackPacer(GatewayProperties properties) {
        return new PlaybackPacer(Duration.ofMillis(properties.playback().tickMs()));
    }

    /** Socket writes block until the peer takes the bytes; a virtual thread per drain keeps that cheap. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService socketSendExecutor() {
        return Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("gateway-send-", 0).factory());
    }

    @Bean
    TurnLatencyRecorder turnLatencyRecorder(CallPublisher publisher, GatewayRoute route, MeterRegistry registry) {
        return new TurnLatencyRecorder(publisher, route.topic(), registry);
    }

    @Bean
    CallPublisher callPublisher(KafkaTemplate<String, byte[]> kafkaTemplate, GatewayMetrics metrics) {
        return new CallPublisher(kafkaTemplate, metrics);
    }

    @Bean
    RouteTopicReader routeTopicReader(
            GatewayRoute route,
            ConsumerFactory<?, ?> consumerFactory,
            LiveCalls calls,
            CallPublisher publisher,
            GatewayMetrics metrics,
            GatewayProperties properties,
            TurnLatencyRecorder latency) {
        return new RouteTopicReader(
                route.topic(),
                consumerFactory,
                new RouteRecordHandler(calls, publisher, metrics, latency),
                properties.route().pollTimeout(),
                Duration.ofSeconds(30));
    }

    @Bean
    RouteTopicHealthIndicator routeTopicHealthIndicator(RouteTopicReader reader) {
        return new RouteTopicHealthIndicator(reader);
    }

    @Bean
    GatewayAuth gatewayAuth(GatewayProperties properties) {
        GatewayProperties.Auth auth = properties.auth();
        return new GatewayAuth(auth.token(), auth.basicUser(), auth.basicPassword());
    }

    @Bean
    CallDrain callDrain(LiveCalls calls, GatewayProperties properties) {
        return new CallDrain(calls, properties.socket().drainTimeout());
    }

    @Bean
    OpenSockets openSockets(GatewayProperties properties, GatewayMetrics metrics) {
        OpenSockets sockets = new OpenSockets(properties.socket().maxSockets());
        metrics.openSockets(sockets::size);
        return sockets;
    }

    @Bean
    ExotelHandshakeInterceptor exotelHandshakeInterceptor(
            GatewayAuth auth, GatewayMetrics metrics, CallDrain drain, OpenSockets openSockets) {
        return new ExotelHandshakeInterceptor(auth, metrics, drain, openSockets);
    }

    @Bean(destroyMethod = "close")
    SocketWatchdog socketWatchdog(OpenSockets openSockets, ExotelSocketHandler handler, GatewayProperties properties) {
        SocketLimits limits = properties.socket().limits();
        return new SocketWatchdog(openSockets, limits, handler, limits.sweepInterval());
    }

    @Bean
    ExotelSocketHandler exotelSocketHandler(
            GatewayProperties properties,
            GatewayRoute route,
            ExotelCodec codec,
            CallPublisher publisher,
            LiveCalls calls,
            PlaybackPacer pacer,
            ExecutorService socketSendExecutor,
            GatewayMetrics metrics,
            TurnLatencyRecorder latency,
            OpenSockets openSockets) {
        var settings = new ExotelSocketHandler.Settings(
                route.topic(),
                properties.playback().settings(),
                properties.playback().mediaChunkInfo(),
                properties.socket().maxQueuedChars(),
                properties.socket().maxTextMessageBytes(),
                properties.socket().limits());
        return new ExotelSocketHandler(
                settings,
                codec,
                publisher,
                calls,
                pacer,
                socketSendExecutor,
                metrics,
                InstantSource.system(),
                latency,
                openSockets);
    }
}
