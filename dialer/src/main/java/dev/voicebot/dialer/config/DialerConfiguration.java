package dev.voicebot.dialer.config;

import dev.voicebot.dialer.call.CallEventPublisher;
import dev.voicebot.dialer.call.CallRegistry;
import dev.voicebot.dialer.call.CallService;
import dev.voicebot.dialer.call.CallbackSecrets;
import dev.voicebot.dialer.call.ConnectTargets;
import dev.voicebot.dialer.call.IdempotencyKeys;
import dev.voicebot.dialer.call.PacedConnector;
import dev.voicebot.dialer.callback.CallStatusListener;
import dev.voicebot.dialer.callback.StatusCallbackHandler;
import dev.voicebot.dialer.exotel.ConnectMode;
import dev.voicebot.dialer.exotel.ExotelAccount;
import dev.voicebot.dialer.exotel.ExotelConnectClient;
import dev.voicebot.dialer.exotel.NumberStyle;
import dev.voicebot.dialer.phone.InvalidPhoneNumberException;
import dev.voicebot.dialer.phone.PhoneNumbers;
import dev.voicebot.dialer.rate.RateLimiter;
import dev.voicebot.dialer.web.ApiKeyFilter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;

/** Wires the call path: Exotel client, pacing, call service, status callbacks and API auth. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DialerProperties.class, ExotelProperties.class})
public class DialerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DialerConfiguration.class);

    @Bean
    Clock dialerClock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "")
    OkHttpClient exotelHttpClient(ExotelProperties exotel) {
        return new OkHttpClient.Builder()
                .connectTimeout(exotel.connectTimeout())
                .readTimeout(exotel.readTimeout())
                .writeTimeout(exotel.readTimeout())
                .callTimeout(exotel.callTimeout())
                .followRedirects(false)
                // a Connect POST is never re-sent on its own: a repeat could ring the customer twice
                .retryOnConnectionFailure(false)
                // idle connections are dropped before a load balancer would silently close them
                .connectionPool(new ConnectionPool(5, 30, TimeUnit.SECONDS))
                .build();
    }

    @Bean
    ExotelAccount exotelAccount(ExotelProperties exotel) {
        String exoPhone = null;
        if (exotel.phoneNumber() != null && !exotel.phoneNumber().isBlank()) {
            try {
                exoPhone = PhoneNumbers.toE164(exotel.phoneNumber());
            } catch (InvalidPhoneNumberException e) {
                throw new IllegalStateException("EXOTEL_PHONE_NUMBER is not a phone number: " + e.getMessage(), e);
            }
        }
        ExotelAccount account = new ExotelAccount(
                exotel.apiBaseUrl(),
                exotel.sid(),
                exotel.apiKey(),
                exotel.apiToken(),
                exoPhone,
                NumberStyle.fromConfig(exotel.numberFormat()));
        if (!account.missingSettings().isEmpty()) {
            log.warn(
                    "Exotel is not configured ({} missing): calls will be refused with 503 until it is",
                    String.join(", ", account.missingSettings()));
        }
        return account;
    }

    @Bean
    ExotelConnectClient exotelConnectClient(OkHttpClient exotelHttpClient, ExotelAccount account) {
        return new ExotelConnectClient(exotelHttpClient, account);
    }

    @Bean
    RateLimiter connectRateLimiter(DialerProperties properties) {
        DialerProperties.Rate rate = properties.rate();
        return new RateLimiter(rate.callsPerMinute(), rate.burst(), rate.queueLimit());
    }

    @Bean
    PacedConnector pacedConnector(
            ExotelConnectClient client,
            RateLimiter connectRateLimiter,
            DialerProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        DialerProperties.Rate rate = properties.rate();
        return new PacedConnector(
                client,
                connectRateLimiter,
                rate.retriesOn429(),
                rate.retryBaseDelay(),
                rate.retryMaxDelay(),
                meters.getIfAvailable());
    }

    @Bean
    CallbackSecrets callbackSecrets(DialerProperties properties, ExotelProperties exotel) {
        CallbackSecrets secrets = new CallbackSecrets(properties.callbackToken(), exotel.apiToken());
        if (!secrets.stable()) {
            log.warn("neither DIALER_CALLBACK_TOKEN nor EXOTEL_API_TOKEN is set: the status-callback token is random"
                    + " and callbacks for calls placed before a restart will be refused");
        }
        return secrets;
    }

    @Bean
    ConnectTargets connectTargets(
            DialerProperties properties, ExotelProperties exotel, CallbackSecrets secrets, Environment environment) {
        String publicUrl = properties.publicUrl();
        if (publicUrl == null || publicUrl.isBlank()) {
            log.warn("DIALER_PUBLIC_URL is not set: status callbacks go to http://localhost:<port>, which only an"
                    + " Exotel stand-in on this machine can reach");
        }
        return new ConnectTargets(
                exotel::sid,
                properties.flowAppId(),
                properties.streamUrl(),
                properties.streamSampleRate(),
                () -> publicUrl != null && !publicUrl.isBlank()
                        ? publicUrl.strip()
                        : "http://localhost:"
                                + environment.getProperty(
                                        "local.server.port", environment.getProperty("server.port", "7860")),
                secrets);
    }

    @Bean
    CallRegistry callRegistry(DialerProperties properties, Clock dialerClock) {
        return new CallRegistry(
                dialerClock, properties.calls().retention(), properties.calls().maxRecords());
    }

    @Bean
    IdempotencyKeys idempotencyKeys(DialerProperties properties, Clock dialerClock) {
        return new IdempotencyKeys(dialerClock, properties.calls().idempotencyRetention());
    }

    @Bean
    CallEventPublisher callEventPublisher(KafkaTemplate<String, byte[]> kafka) {
        return new CallEventPublisher(kafka, Duration.ofSeconds(10));
    }

    @Bean
    CallService callService(
            PacedConnector connector,
            ExotelAccount account,
            ConnectTargets targets,
            CallbackSecrets secrets,
            CallRegistry registry,
            IdempotencyKeys idempotencyKeys,
            CallEventPublisher events,
            DialerProperties properties,
            Clock dialerClock) {
        ConnectMode.fromWire(properties.mode());
        return new CallService(
                connector,
                account,
                targets,
                secrets,
                registry,
                idempotencyKeys,
                events,
                properties.statusCallbackJson(),
                dialerClock);
    }

    @Bean
    StatusCallbackHandler statusCallbackHandler(
            CallRegistry registry,
            CallbackSecrets secrets,
            CallEventPublisher events,
            List<CallStatusListener> listeners,
            Clock dialerClock) {
        return new StatusCallbackHandler(registry, secrets, events, listeners, dialerClock);
    }

    /**
     * API authentication. With auth enabled and no key the dialer refuses to start: a dialer that
     * places calls for anyone who can reach it is worse than one that does not run.
     */
    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(DialerProperties properties) {
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>();
        if (properties.authDisabled()) {
            log.warn(
                    "API authentication is DISABLED (DIALER_AUTH_DISABLED=true): anyone who reaches this port can place"
                            + " calls. Use this for local development only.");
            registration.setFilter(new ApiKeyFilter("authentication-disabled"));
            registration.setEnabled(false);
            return registration;
        }
        if (properties.apiKey() == null || properties.apiKey().isBlank()) {
            throw new IllegalStateException("DIALER_API_KEY is not set. Set it to the key API clients send as"
                    + " 'Authorization: Bearer <key>' (e.g. openssl rand -hex 32), or set DIALER_AUTH_DISABLED=true to"
                    + " run without API authentication (local development only).");
        }
        if (properties.apiKey().strip().length() < 16) {
            log.warn("DIALER_API_KEY is shorter than 16 characters; use a long random key");
        }
        registration.setFilter(new ApiKeyFilter(properties.apiKey().strip()));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
