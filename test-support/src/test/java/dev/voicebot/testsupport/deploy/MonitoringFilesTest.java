package dev.voicebot.testsupport.deploy;

import static dev.voicebot.testsupport.deploy.DeploymentFiles.ROOT;
import static dev.voicebot.testsupport.deploy.DeploymentFiles.applicationPort;
import static dev.voicebot.testsupport.deploy.DeploymentFiles.readYaml;
import static dev.voicebot.testsupport.deploy.DeploymentFiles.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/**
 * Checks the monitoring profile of docker-compose.yml: Prometheus scrapes every replica of every
 * service where it listens, Grafana is provisioned with that Prometheus and the dashboard, and every
 * metric the dashboard queries is one the services really export under that name (the meters found
 * in the sources, named by Micrometer's real Prometheus exporter: {@link ExportedMetrics}).
 */
class MonitoringFilesTest {

    private static final String MONITORING = "deploy/monitoring/";
    private static final JsonNode COMPOSE = readYaml("docker-compose.yml").path("services");
    private static final JsonNode DASHBOARD = readYaml(MONITORING + "grafana/dashboards/voicebot.json");
    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset");
    private static final Pattern PROMQL_IDENTIFIER = Pattern.compile("\\b([A-Za-z_:][A-Za-z0-9_:]*)\\b(?!\\s*\\()");

    @ParameterizedTest
    @FieldSource("dev.voicebot.testsupport.deploy.DeploymentFiles#SERVICES")
    void prometheusScrapesEveryReplicaOfTheServiceWhereItListens(String service) {
        JsonNode job = readYaml(MONITORING + "prometheus.yml").path("scrape_configs").values().stream()
                .filter(config -> config.path("job_name").asString().equals(service))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no scrape job " + service));
        assertThat(job.path("metrics_path").asString()).isEqualTo("/actuator/prometheus");
        JsonNode discovery = job.path("dns_sd_configs").path(0);
        assertThat(strings(discovery.path("names")))
                .as("the compose service name")
                .containsExactly(service);
        assertThat(discovery.path("type").asString()).isEqualTo("A");
        assertThat(discovery.path("port").asInt())
                .isEqualTo(applicationPort(service).defaultPort());
    }

    @Test
    void composeMountsTheMonitoringFilesWhereGrafanaAndPrometheusReadThem() {
        assertThat(strings(COMPOSE.path("prometheus").path("volumes")))
                .contains("./" + MONITORING + "prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        List<String> grafanaVolumes = strings(COMPOSE.path("grafana").path("volumes"));
        assertThat(grafanaVolumes)
                .contains("./" + MONITORING + "grafana/provisioning:/etc/grafana/provisioning:ro")
                .contains("./" + MONITORING + "grafana/dashboards:/var/lib/grafana/dashboards:ro");
        JsonNode provider = readYaml(MONITORING + "grafana/provisioning/dashboards/voicebot.yml")
                .path("providers")
                .path(0);
        assertThat(provider.path("options").path("path").asString()).isEqualTo("/var/lib/grafana/dashboards");
        String home = COMPOSE.path("grafana")
                .path("environment")
                .path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")
                .asString();
        assertThat(ROOT.resolve(MONITORING + "grafana/dashboards")
                        .resolve(home.substring("/var/lib/grafana/dashboards/".length())))
                .exists();
    }

    @Test
    void everyPanelQueriesTheProvisionedPrometheus() {
        JsonNode source = readYaml(MONITORING + "grafana/provisioning/datasources/prometheus.yml")
                .path("datasources")
                .path(0);
        assertThat(source.path("url").asString()).isEqualTo("http://prometheus:9090");
        String uid = source.path("uid").asString();
        for (JsonNode panel : DASHBOARD.path("panels").values()) {
            assertThat(panel.path("datasource").path("uid").asString())
                    .as("panel %s", panel.path("title").asString())
                    .isEqualTo(uid);
            assertThat(panel.path("targets").values()).allSatisfy(target -> assertThat(
                            target.path("datasource").path("uid").asString())
                    .isEqualTo(uid));
        }
    }

    @Test
    void theDashboardShowsThePerTurnLatencyAndTheCallCounts() {
        assertThat(queriedMetrics())
                .contains(
                        "voicebot_turn_voice_to_voice_seconds_bucket",
                        "voicebot_turn_step_seconds_sum",
                        "voicebot_gateway_calls_active",
                        "voicebot_gateway_calls_ended_total");
    }

    @Test
    void everyMetricTheDashboardQueriesIsExportedByTheServices() throws IOException {
        Set<String> exported = ExportedMetrics.scrapeNames();
        assertThat(exported)
                .as("the meters found in the sources")
                .contains("voicebot_turn_voice_to_voice_seconds_bucket", "jvm_memory_used_bytes");
        var unknown = new TreeSet<>(queriedMetrics());
        unknown.removeAll(exported);
        assertThat(unknown)
                .as("metrics the dashboard queries that no service exports")
                .isEmpty();
    }

    @Test
    void theDashboardFileIsTheOneGrafanaLoads() throws IOException {
        try (var files = Files.list(ROOT.resolve(MONITORING + "grafana/dashboards"))) {
            assertThat(files.map(Path::getFileName).map(Path::toString).collect(Collectors.toSet()))
                    .containsExactly("voicebot.json");
        }
        assertThat(DASHBOARD.path("uid").asString()).isEqualTo("voicebot");
    }

    /** The metric names in the dashboard's PromQL, without functions, labels, ranges and keywords. */
    private static Set<String> queriedMetrics() {
        var names = new TreeSet<String>();
        var expressions = new ArrayList<String>();
        DASHBOARD.path("panels").values().forEach(panel -> panel.path("targets")
                .values()
                .forEach(target -> expressions.add(target.path("expr").asString())));
        assertThat(expressions).isNotEmpty();
        for (String expression : expressions) {
            String stripped = expression
                    .replaceAll("\"[^\"]*\"", "")
                    .replaceAll("\\{[^}]*}", "")
                    .replaceAll("\\[[^]]*]", "")
                    .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
            Matcher identifier = PROMQL_IDENTIFIER.matcher(stripped);
            while (identifier.find()) {
                if (!PROMQL_WORDS.contains(identifier.group(1))) {
                    names.add(identifier.group(1));
                }
            }
        }
        return names;
    }
}
