package dev.voicebot.dialer.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description served at {@code /v3/api-docs} (UI at {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    OpenAPI dialerOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("voicebot dialer")
                        .version("1")
                        .description("Places outbound calls through Exotel's Connect API (two-numbers, flow and"
                                + " Connect Voice AI modes), runs CSV campaigns within calling hours and the"
                                + " account's rate, and publishes call status to Kafka. Every endpoint needs"
                                + " 'Authorization: Bearer <DIALER_API_KEY>'. Errors are"
                                + " application/problem+json with an 'error' code."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("DIALER_API_KEY")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
