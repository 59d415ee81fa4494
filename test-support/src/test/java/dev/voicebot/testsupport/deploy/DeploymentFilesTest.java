package dev.voicebot.testsupport.deploy;

import static dev.voicebot.testsupport.deploy.DeploymentFiles.ROOT;
import static dev.voicebot.testsupport.deploy.DeploymentFiles.SERVICES;
import static dev.voicebot.testsupport.deploy.DeploymentFiles.applicationPort;
import static dev.voicebot.testsupport.deploy.DeploymentFiles.readEnvFile;
import static dev.voicebot.testsupport.deploy.DeploymentFiles.readLines;
import static dev.voicebot.testsupport.deploy.DeploymentFiles.readString;
import static dev.voicebot.testsupport.deploy.DeploymentFiles.readYaml;
import static dev.voicebot.testsupport.deploy.DeploymentFiles.strings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.testsupport.deploy.DeploymentFiles.ServicePort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/**
 * Checks docker-compose.yml, env.example, deploy/Dockerfile, deploy/healthcheck.sh, the gateways'
 * load balancer and the shell scripts against each other and against the modules, without a Docker
 * engine.
 *
 * <p>Direction of the variable check: env.example documents every variable that docker-compose.yml
 * interpolates or sets for a voicebot service. The other direction holds by construction: every
 * service reads .env through env_file, so each variable of env.example reaches each service.
 */
class DeploymentFilesTest {

    private static final JsonNode COMPOSE_SERVICES =
            readYaml("docker-compose.yml").path("services");
    private static final String INTERNAL_BOOTSTRAP = "kafka:19092";
    private static final Pattern COMPOSE_VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern ENV_ASSIGNMENT = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$");
    private static final Pattern DOCKERFILE_STAGE = Pattern.compile("^FROM (\\S+) AS (\\S+)$");
    private static final Map<String, String> DOCKERFILE_STAGES = dockerfileStages();

    @Test
    void composeRunsKafkaTheServicesTheGatewaysBalancerAndOptionalMonitoring() {
        var expected = new ArrayList<>(List.of("kafka", "gateway-lb", "prometheus", "grafana"));
        expected.addAll(SERVICES);
        assertThat(COMPOSE_SERVICES.propertyNames()).containsExactlyInAnyOrderElementsOf(expected);
        for (String monitoring : List.of("prometheus", "grafana")) {
            assertThat(strings(COMPOSE_SERVICES.path(monitoring).path("profiles")))
                    .as("%s runs only with --profile monitoring", monitoring)
                    .containsExactly("monitoring");
        }
    }

    @Test
    void kafkaIsOneHealthCheckedKraftNodeWithTheInternalListener() {
        JsonNode kafka = COMPOSE_SERVICES.path("kafka");
        JsonNode environment = kafka.path("environment");
        assertThat(kafka.path("image").asString()).isEqualTo("apache/kafka:4.2.1");
        assertThat(environment.path("KAFKA_PROCESS_ROLES").asString()).isEqualTo("broker,controller");
        assertThat(environment.path("KAFKA_ADVERTISED_LISTENERS").asString()).contains("://" + INTERNAL_BOOTSTRAP);
        assertThat(environment.path("CLUSTER_ID").asString()).isNotBlank();
    }

    @Test
    void everyComposeServiceIsHealthCheckedAndHasMemoryAndCpuLimits() {
        for (String name : COMPOSE_SERVICES.propertyNames()) {
            JsonNode service = COMPOSE_SERVICES.path(name);
            assertThat(strings(service.path("healthcheck").path("test")))
                    .as("%s has a health check", name)
                    .isNotEmpty();
            JsonNode limits = service.path("deploy").path("resources").path("limits");
            assertThat(limits.path("memory").asString())
                    .as("%s memory limit", name)
                    .matches("\\d+[mg]");
            assertThat(Double.parseDouble(limits.path("cpus").asString("0")))
                    .as("%s CPU limit", name)
                    .isPositive();
            assertThat(service.path("restart").asString())
                    .as("%s restart policy", name)
                    .isEqualTo("unless-stopped");
        }
    }

    @ParameterizedTest
    @FieldSource("dev.voicebot.testsupport.deploy.DeploymentFiles#SERVICES")
    void serviceIsBuiltFromItsOwnTargetOfTheDockerfile(String service) {
        JsonNode definition = COMPOSE_SERVICES.path(service);
        JsonNode build = definition.path("build");
        assertThat(build.path("context").asString()).isEqualTo(".");
        assertThat(build.path("dockerfile").asString()).isEqualTo("deploy/Dockerfile");
        assertThat(build.path("target").asString()).isEqualTo(service);
        assertThat(definition.path("image").asString()).isEqualTo("voicebot-" + service);
        assertThat(DOCKERFILE_STAGES).containsKey(service);
        assertThat(DOCKERFILE_STAGES.get(service))
                .as("stage %s of deploy/Dockerfile", service)
                .startsWith("FROM runtime AS " + service)
                .contains("ENV VOICEBOT_MODULE=" + service)
                .contains("COPY --from=build /workspace/jars/" + service + ".jar /app/app.jar");
        assertThat(DOCKERFILE_STAGES.get("build"))
                .as("the build stage compiles %s", service)
                .containsPattern("-pl \\S*\\b" + service + "\\b")
                .containsPattern("for module in [^;]*\\b" + service + "\\b");
        assertThat(readString(service + "/pom.xml"))
                .as("module %s is a Spring Boot application", service)
                .contains("spring-boot-maven-plugin");
    }

    @ParameterizedTest
    @FieldSource("dev.voicebot.testsupport.deploy.DeploymentFiles#SERVICES")
    void serviceStartsAfterKafkaIsHealthyAndReachesItOnTheInternalListener(String service) {
        JsonNode definition = COMPOSE_SERVICES.path(service);
        assertThat(definition.path("depends_on").path("kafka").path("condition").asString())
                .isEqualTo("service_healthy");
        assertThat(definition
                        .path("environment")
                        .path("KAFKA_BOOTSTRAP_SERVERS")
                        .asString())
                .isEqualTo(INTERNAL_BOOTSTRAP);
    }

    @ParameterizedTest
    @FieldSource("dev.voicebot.testsupport.deploy.DeploymentFiles#SERVICES")
    void serviceListensAndIsHealthCheckedOnThePortItsApplicationReads(String service) {
        ServicePort port = applicationPort(service);
        JsonNode definition = COMPOSE_SERVICES.path(service);
        assertThat(definition.path("environment").path(port.variable()).asInt())
                .as("%s sets %s to the port its health check probes", service, port.variable())
                .isEqualTo(port.defaultPort());
        assertThat(String.join(" ", strings(definition.path("healthcheck").path("test"))))
                .contains("http://127.0.0.1:" + port.defaultPort() + "/actuator/health");
        assertThat(readString("deploy/healthcheck.sh"))
                .as("deploy/healthcheck.sh probes %s where its application listens", service)
                .contains(service + ") port=${" + port.variable() + ":-" + port.defaultPort() + "}");
    }

    @ParameterizedTest
    @FieldSource("dev.voicebot.testsupport.deploy.DeploymentFiles#SERVICES")
    void serviceReadsDotEnvWhenPresent(String service) {
        assertThat(COMPOSE_SERVICES.path(service).path("env_file").values()).anySatisfy(file -> {
            assertThat(file.path("path").asString()).isEqualTo(".env");
            assertThat(file.path("required").asBoolean(true)).isFalse();
        });
    }

    @ParameterizedTest
    @FieldSource("dev.voicebot.testsupport.deploy.DeploymentFiles#SCALED_SERVICES")
    void scaledServiceRunsTwoOrMoreReplicasEachWithItsOwnInstanceId(String service) {
        JsonNode definition = COMPOSE_SERVICES.path(service);
        assertThat(definition.path("deploy").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(definition.path("environment").has("VOICEBOT_INSTANCE_ID"))
                .as("%s overrides any VOICEBOT_INSTANCE_ID of .env", service)
                .isTrue();
        assertThat(definition.path("environment").path("VOICEBOT_INSTANCE_ID").asString())
                .as("empty: each replica takes its container's host name")
                .isEmpty();
        assertThat(definition.has("ports"))
                .as("replicas of %s cannot share a host port", service)
                .isFalse();
    }

    @Test
    void theDialerRunsOnceOnItsPublishedPort() {
        JsonNode dialer = COMPOSE_SERVICES.path("dialer");
        assertThat(dialer.path("deploy").path("replicas").asInt(1)).isEqualTo(1);
        assertThat(strings(dialer.path("ports"))).anyMatch(port -> port.endsWith(":7860"));
    }

    @Test
    void theGatewaysBalancerPublishesTheGatewayPortAndPassesWebSocketsToEveryGateway() {
        JsonNode balancer = COMPOSE_SERVICES.path("gateway-lb");
        int gatewayPort = applicationPort("gateway").defaultPort();
        assertThat(strings(balancer.path("ports")))
                .containsExactly("${GATEWAY_PORT:-" + gatewayPort + "}:" + gatewayPort);
        assertThat(balancer.path("depends_on").path("gateway").path("condition").asString())
                .isEqualTo("service_healthy");
        assertThat(strings(balancer.path("volumes")))
                .contains("./deploy/compose/gateway-lb.conf:/etc/nginx/conf.d/default.conf:ro");
        assertThat(readString("deploy/compose/gateway-lb.conf"))
                .contains("listen " + gatewayPort + ";")
                .containsPattern("server gateway:" + gatewayPort + " resolve\\b")
                .contains("least_conn;")
                .contains("proxy_http_version 1.1;")
                .contains("proxy_set_header Upgrade $http_upgrade;")
                .contains("proxy_set_header Connection $connection_upgrade;")
                .contains("proxy_read_timeout 3600s;")
                .contains("proxy_send_timeout 3600s;")
                .contains("location = /lb-health");
        assertThat(String.join(" ", strings(balancer.path("healthcheck").path("test"))))
                .contains("http://127.0.0.1:" + gatewayPort + "/lb-health");
    }

    @Test
    void envExampleDocumentsEveryVariableComposeUsesForTheServices() {
        var used = new TreeSet<String>();
        Matcher matcher = COMPOSE_VARIABLE.matcher(readString("docker-compose.yml"));
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        for (String service : SERVICES) {
            used.addAll(COMPOSE_SERVICES.path(service).path("environment").propertyNames());
        }
        used.removeAll(readEnvFile("env.example").keySet());
        assertThat(used)
                .as("variables docker-compose.yml uses that env.example does not document")
                .isEmpty();
    }

    @Test
    void envExampleCommentsEveryVariableAndNamesEachOnce() {
        List<String> lines = readLines("env.example");
        var names = new ArrayList<String>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher assignment = ENV_ASSIGNMENT.matcher(lines.get(i));
            if (assignment.matches()) {
                names.add(assignment.group(1));
                assertThat(lines.get(i - 1))
                        .as("comment above %s", assignment.group(1))
                        .startsWith("# ");
            }
        }
        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void envExampleHoldsTheSeedKeysEmptyAndTheProjectSettings() {
        Map<String, String> example = readEnvFile("env.example");
        assertThat(example)
                .containsEntry("EXOTEL_API_KEY", "")
                .containsEntry("EXOTEL_API_TOKEN", "")
                .containsEntry("EXOTEL_SID", "")
                .containsEntry("EXOTEL_PHONE_NUMBER", "")
                .containsEntry("OPENAI_API_KEY", "")
                .containsEntry("DEEPGRAM_API_KEY", "")
                .containsEntry("CARTESIA_API_KEY", "")
                .containsEntry("EXOTEL_API_BASE_URL", "https://api.exotel.com")
                .containsKeys(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "VOICEBOT_KAFKA_PARTITIONS",
                        "VOICEBOT_KAFKA_REPLICATION",
                        "GATEWAY_AUTH_TOKEN",
                        "GATEWAY_BASIC_AUTH_USER",
                        "GATEWAY_BASIC_AUTH_PASSWORD",
                        "DIALER_API_KEY");
    }

    @Test
    void dockerfileBuildsOnceAndRunsEveryServiceAsAnUnprivilegedUserWithContainerJvmFlags() {
        assertThat(DOCKERFILE_STAGES.get("build")).startsWith("FROM eclipse-temurin:25-jdk AS build");
        String runtime = DOCKERFILE_STAGES.get("runtime");
        assertThat(runtime)
                .startsWith("FROM eclipse-temurin:25-jre AS runtime")
                .containsPattern("(?m)^USER 10001:10001$")
                .containsPattern("(?m)^HEALTHCHECK .*/app/healthcheck.sh")
                .contains("-XX:MaxRAMPercentage=")
                .contains("-XX:+ExitOnOutOfMemoryError");
        for (String service : SERVICES) {
            String stage = DOCKERFILE_STAGES.get(service);
            List<String> users =
                    stage.lines().filter(line -> line.startsWith("USER ")).toList();
            assertThat(users.isEmpty() ? "USER 10001:10001" : users.getLast())
                    .as("stage %s ends as the unprivileged user", service)
                    .isEqualTo("USER 10001:10001");
        }
        assertThat(readString("deploy/Dockerfile.dockerignore"))
                .contains(".env")
                .contains("deploy/k8s/secrets.env");
    }

    @Test
    void nativePackagesAreInstalledOnlyInTheImageThatNeedsThem() {
        List<String> packages = readLines("tools/apt-packages.txt").stream()
                .map(line -> line.replaceFirst("#.*", "").strip())
                .filter(line -> !line.isEmpty())
                .toList();
        assertThat(packages).isNotEmpty();
        for (String stage : DOCKERFILE_STAGES.keySet()) {
            String text = DOCKERFILE_STAGES.get(stage);
            for (String debianPackage : packages) {
                var installed = Pattern.compile("apt-get install [^\\n]*\\b" + Pattern.quote(debianPackage) + "\\b");
                assertThat(installed.matcher(text).find())
                        .as("stage %s installs %s", stage, debianPackage)
                        .isEqualTo(stage.equals("stt-worker"));
            }
        }
    }

    @Test
    void shellScriptsParse() throws Exception {
        for (String script : List.of("voicebot", ".ci/run", "tools/lib/jdk.sh", "tools/lib/apt.sh")) {
            Process bash = new ProcessBuilder("bash", "-n", ROOT.resolve(script).toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(bash.getInputStream().readAllBytes());
            assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(bash.exitValue()).as("bash -n %s: %s", script, output).isZero();
        }
    }

    /** Each stage of deploy/Dockerfile by name, from its FROM line to the next one. */
    private static Map<String, String> dockerfileStages() {
        var stages = new LinkedHashMap<String, String>();
        String name = null;
        var text = new StringBuilder();
        for (String line : Stream.concat(readLines("deploy/Dockerfile").stream(), Stream.of("FROM end AS end"))
                .toList()) {
            Matcher stage = DOCKERFILE_STAGE.matcher(line);
            if (stage.matches()) {
                if (name != null) {
                    stages.put(name, text.toString());
                }
                name = stage.group(2);
                text.setLength(0);
            }
            if (name != null) {
                text.append(line).append('\n');
            }
        }
        return stages;
    }
}
