package dev.voicebot.testsupport.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks the deployment files against each other and against the modules, without a Docker engine:
 * docker-compose.yml, env.example, deploy/Dockerfile, deploy/healthcheck.sh and the shell scripts.
 *
 * <p>Direction of the variable check: env.example documents every variable that docker-compose.yml
 * interpolates or sets for a voicebot service. The other direction holds by construction: every
 * service reads .env through env_file, so each variable of env.example reaches each service.
 */
class DeploymentFilesTest {

    private static final Path ROOT = repositoryRoot();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNode SERVICES =
            readYaml(ROOT.resolve("docker-compose.yml")).path("services");
    private static final String INTERNAL_BOOTSTRAP = "kafka:19092";
    private static final Pattern PORT_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):(\\d+)}");
    private static final Pattern COMPOSE_VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern ENV_ASSIGNMENT = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$");

    @Test
    void composeRunsKafkaAndTheFiveServices() {
        assertThat(SERVICES.propertyNames())
                .containsExactlyInAnyOrder("kafka", "gateway", "dialer", "stt-worker", "llm-worker", "tts-worker");
    }

    @Test
    void kafkaIsOneHealthCheckedKraftNodeWithTheInternalListener() {
        JsonNode kafka = SERVICES.path("kafka");
        JsonNode environment = kafka.path("environment");
        assertThat(kafka.path("image").asString()).isEqualTo("apache/kafka:4.2.1");
        assertThat(environment.path("KAFKA_PROCESS_ROLES").asString()).isEqualTo("broker,controller");
        assertThat(environment.path("KAFKA_ADVERTISED_LISTENERS").asString()).contains("://" + INTERNAL_BOOTSTRAP);
        assertThat(environment.path("CLUSTER_ID").asString()).isNotBlank();
        assertThat(strings(kafka.path("healthcheck").path("test"))).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "dialer", "stt-worker", "llm-worker", "tts-worker"})
    void serviceIsBuiltFromTheSharedDockerfileForItsOwnModule(String service) throws IOException {
        JsonNode build = SERVICES.path(service).path("build");
        assertThat(build.path("context").asString()).isEqualTo(".");
        assertThat(build.path("dockerfile").asString()).isEqualTo("deploy/Dockerfile");
        String module = build.path("args").path("MODULE").asString();
        assertThat(module).isEqualTo(service);
        Path pom = ROOT.resolve(module).resolve("pom.xml");
        assertThat(pom).as("module %s has a pom", module).exists();
        assertThat(Files.readString(pom))
                .as("module %s is a Spring Boot application", module)
                .contains("spring-boot-maven-plugin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "dialer", "stt-worker", "llm-worker", "tts-worker"})
    void serviceStartsAfterKafkaIsHealthyAndReachesItOnTheInternalListener(String service) {
        JsonNode definition = SERVICES.path(service);
        assertThat(definition.path("depends_on").path("kafka").path("condition").asString())
                .isEqualTo("service_healthy");
        assertThat(definition
                        .path("environment")
                        .path("KAFKA_BOOTSTRAP_SERVERS")
                        .asString())
                .isEqualTo(INTERNAL_BOOTSTRAP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "dialer", "stt-worker", "llm-worker", "tts-worker"})
    void serviceListensAndIsHealthCheckedOnThePortItsApplicationReads(String service) throws IOException {
        ServicePort port = applicationPort(service);
        JsonNode definition = SERVICES.path(service);
        assertThat(definition.path("environment").path(port.variable()).asString())
                .as("%s sets %s to the port its health check probes", service, port.variable())
                .isEqualTo(port.defaultPort());
        assertThat(String.join(" ", strings(definition.path("healthcheck").path("test"))))
                .contains("http://127.0.0.1:" + port.defaultPort() + "/actuator/health");
        assertThat(Files.readString(ROOT.resolve("deploy/healthcheck.sh")))
                .as("deploy/healthcheck.sh probes %s where its application listens", service)
                .contains(service + ") port=${" + port.variable() + ":-" + port.defaultPort() + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "dialer", "stt-worker", "llm-worker", "tts-worker"})
    void serviceReadsDotEnvWhenPresentAndHasAMemoryLimit(String service) {
        JsonNode definition = SERVICES.path(service);
        assertThat(definition.path("env_file").values()).anySatisfy(file -> {
            assertThat(file.path("path").asString()).isEqualTo(".env");
            assertThat(file.path("required").asBoolean(true)).isFalse();
        });
        assertThat(definition
                        .path("deploy")
                        .path("resources")
                        .path("limits")
                        .path("memory")
                        .asString())
                .matches("\\d+[mg]");
    }

    @Test
    void gatewayAndDialerArePublishedOnTheirPorts() {
        assertThat(strings(SERVICES.path("gateway").path("ports"))).anyMatch(port -> port.endsWith(":8765"));
        assertThat(strings(SERVICES.path("dialer").path("ports"))).anyMatch(port -> port.endsWith(":7860"));
    }

    @Test
    void envExampleDocumentsEveryVariableComposeUsesForTheServices() throws IOException {
        var used = new TreeSet<String>();
        Matcher matcher = COMPOSE_VARIABLE.matcher(Files.readString(ROOT.resolve("docker-compose.yml")));
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        for (String service : SERVICES.propertyNames()) {
            if (!service.equals("kafka")) {
                used.addAll(SERVICES.path(service).path("environment").propertyNames());
            }
        }
        used.removeAll(envExample().keySet());
        assertThat(used)
                .as("variables docker-compose.yml uses that env.example does not document")
                .isEmpty();
    }

    @Test
    void envExampleCommentsEveryVariableAndNamesEachOnce() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("env.example"));
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
    void envExampleHoldsTheSeedKeysEmptyAndTheProjectSettings() throws IOException {
        Map<String, String> example = envExample();
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
    void dockerfileBuildsTheModuleArgumentAndRunsItAsAnUnprivilegedUser() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("deploy/Dockerfile"));
        assertThat(dockerfile)
                .containsPattern("(?m)^ARG MODULE$")
                .containsPattern("(?m)^FROM eclipse-temurin:25-jdk AS build$")
                .containsPattern("(?m)^FROM eclipse-temurin:25-jre$")
                .contains("-pl \"$MODULE\" -am package")
                .containsPattern("(?m)^USER voicebot$")
                .containsPattern("(?m)^HEALTHCHECK ");
        assertThat(ROOT.resolve("deploy/Dockerfile.dockerignore")).content().contains(".env");
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

    private record ServicePort(String variable, String defaultPort) {}

    /** The port variable and default of a module's {@code server.port: ${VARIABLE:default}}. */
    private static ServicePort applicationPort(String module) {
        Path application = ROOT.resolve(module).resolve("src/main/resources/application.yml");
        String serverPort = readYaml(application).path("server").path("port").asString();
        Matcher placeholder = PORT_PLACEHOLDER.matcher(serverPort);
        assertThat(placeholder.matches())
                .as("%s sets server.port as ${VARIABLE:default}, found '%s'", application, serverPort)
                .isTrue();
        return new ServicePort(placeholder.group(1), placeholder.group(2));
    }

    private static Map<String, String> envExample() throws IOException {
        var variables = new LinkedHashMap<String, String>();
        for (String line : Files.readAllLines(ROOT.resolve("env.example"))) {
            Matcher assignment = ENV_ASSIGNMENT.matcher(line);
            if (assignment.matches()) {
                variables.put(assignment.group(1), assignment.group(2));
            }
        }
        return variables;
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asString)
                .toList();
    }

    private static JsonNode readYaml(Path file) {
        assertThat(file).exists();
        return YAML.readTree(file.toFile());
    }

    /** The folder holding mvnw, found by walking up from the working directory. */
    private static Path repositoryRoot() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("mvnw"))) {
                return folder;
            }
        }
        throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }
}
