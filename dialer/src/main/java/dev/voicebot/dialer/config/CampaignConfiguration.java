package dev.voicebot.dialer.config;

import dev.voicebot.dialer.call.CallService;
import dev.voicebot.dialer.call.CallbackSecrets;
import dev.voicebot.dialer.campaign.CampaignRunner;
import dev.voicebot.dialer.campaign.CampaignService;
import dev.voicebot.dialer.campaign.CampaignStore;
import dev.voicebot.dialer.campaign.CampaignTimeouts;
import dev.voicebot.service.VoicebotKafkaProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/** Campaigns: their compacted state topic, the store on it, the runner and the service. */
@Configuration(proxyBeanMethods = false)
public class CampaignConfiguration {

    /**
     * One partition: the dialer reads the whole topic at start-up and a single runner owns every
     * campaign, so there is nothing to spread; compaction keeps only the latest state per key.
     */
    @Bean
    KafkaAdmin.NewTopics dialerCampaignTopic(DialerProperties properties, VoicebotKafkaProperties kafka) {
        return new KafkaAdmin.NewTopics(TopicBuilder.name(properties.campaigns().topic())
                .partitions(1)
                .replicas(kafka.replicationFactor())
                .compact()
                .build());
    }

    @Bean
    CampaignStore campaignStore(
            KafkaTemplate<String, byte[]> kafka,
            ConsumerFactory<String, byte[]> consumers,
            DialerProperties properties) {
        return new CampaignStore(kafka, consumers, properties.campaigns().topic());
    }

    @Bean
    CampaignRunner campaignRunner(
            CampaignStore store,
            CallService calls,
            Clock dialerClock,
            DialerProperties properties,
            ExotelProperties exotel,
            CallbackSecrets secrets) {
        DialerProperties.Campaigns campaigns = properties.campaigns();
        return new CampaignRunner(
                store,
                calls,
                dialerClock,
                new CampaignTimeouts(
                        campaigns.statusTimeout(), campaigns.unconfirmedTimeout(), campaigns.transientRetryDelay()),
                campaigns.maxActiveCalls(),
                exotel.callTimeout().plusSeconds(5),
                secrets::newCorrelationId,
                campaigns.enabled(),
                campaigns.retention());
    }

    @Bean
    CampaignService campaignService(CampaignRunner runner, DialerProperties properties, Clock dialerClock) {
        return new CampaignService(
                runner,
                properties.campaigns(),
                properties.mode(),
                properties.rate().callsPerMinute(),
                dialerClock);
    }
}
