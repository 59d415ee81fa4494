package dev.voicebot.gateway.config;

import dev.voicebot.gateway.socket.ExotelHandshakeInterceptor;
import dev.voicebot.gateway.socket.ExotelSocketHandler;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The Exotel endpoint: {@code /ws}, and any path below it, since applet URLs may carry a path
 * segment ({@code wss://host/ws/campaign-7?...}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    private final ExotelSocketHandler handler;
    private final ExotelHandshakeInterceptor interceptor;

    WebSocketConfiguration(ExotelSocketHandler handler, ExotelHandshakeInterceptor interceptor) {
        this.handler = handler;
        this.interceptor = interceptor;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Exotel is not a browser: sockets are authorised by token or Basic credentials, not by Origin.
        registry.addHandler(handler, "/ws", "/ws/**")
                .addInterceptors(interceptor)
                .setAllowedOriginPatterns("*");
    }

    /**
     * The container allocates these read buffers for every socket up front, so they stay small;
     * Exotel's messages (a few KB) fit, and larger ones arrive in parts that the handler joins up to
     * {@code voicebot.gateway.socket.max-text-message-bytes}.
     */
    static final int READ_BUFFER_CHARS = 16 * 1024;

    /** Binds its settings itself: a factory bean is created before configuration properties beans should be. */
    @Bean
    static ServletServerContainerFactoryBean webSocketContainer(Environment environment) {
        GatewayProperties.Socket socket = Binder.get(environment)
                .bind("voicebot.gateway.socket", GatewayProperties.Socket.class)
                .orElseGet(() -> new GatewayProperties.Socket(null, null, null, null, null, null, null, null));
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(READ_BUFFER_CHARS);
        container.setMaxBinaryMessageBufferSize(READ_BUFFER_CHARS);
        container.setMaxSessionIdleTimeout(socket.idleTimeout().toMillis());
        return container;
    }
}
