package dev.voicebot.testsupport.deploy;

import static dev.voicebot.testsupport.deploy.DeploymentFiles.ROOT;
import static dev.voicebot.testsupport.deploy.DeploymentFiles.SERVICES;
import static dev.voicebot.testsupport.deploy.DeploymentFiles.applicationPort;
import static dev.voicebot.testsupport.deploy.DeploymentFiles.readEnvFile;
import static dev.voicebot.testsupport.deploy.DeploymentFiles.readYaml;
import static dev.voicebot.testsupport.deploy.DeploymentFiles.readYamlDocuments;
import static dev.voicebot.testsupport.deploy.DeploymentFiles.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/**
 * Checks deploy/k8s without a cluster: the kustomization names every manifest, each service has a
 * Deployment with probes, resources and its configuration, every variable the services read is set
 * (from the ConfigMap voicebot-config, the Secret voicebot-secrets or the container), and the
 * references between objects hold: Services, PodDisruptionBudgets and KEDA ScaledObjects find
 * their pods and Deployments, the Ingress routes to the gateway's Service, KEDA watches the
 * consumer group and topic the worker really reads.
 */
class KubernetesManifestsTest {

    private static final String FOLDER = "deploy/k8s/";
    static final List<String> WORKERS = List.of("stt-worker", "llm-worker", "tts-worker");
    private static final JsonNode KUSTOMIZATION = readYaml(FOLDER + "kustomization.yaml");
    private static final List<JsonNode> OBJECTS = objects();
    private static final Map<String, String> CONFIG = readEnvFile(FOLDER + "config.env");
    private static final Map<String, String> SECRETS = readEnvFile(FOLDER + "secrets.env.example");
    private static final String CONFIG_MAP = "voicebot-config";
    private static final String SECRET = "voicebot-secrets";
    private static final Pattern GROUP_ID = Pattern.compile("group-id: \\$\\{([A-Z_]+):([a-z-]+)}");
    private static final Pattern TOPIC_CONSTANT =
            Pattern.compile("public static final String ([A-Z_]+) = \"([a-z.-]+)\";");

    @Test
    void theKustomizationNamesEveryManifestOfTheFolderAndGeneratesTheConfiguration() throws IOException {
        var manifests = new TreeSet<String>();
        try (Stream<Path> files = Files.list(ROOT.resolve(FOLDER))) {
            files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .forEach(manifests::add);
        }
        assertThat(strings(KUSTOMIZATION.path("resources"))).containsExactlyInAnyOrderElementsOf(manifests);
        assertThat(KUSTOMIZATION.path("namespace").asString()).isEqualTo("voicebot");
        assertThat(generator("configMapGenerator", CONFIG_MAP)).containsExactly("config.env");
        assertThat(generator("secretGenerator", SECRET)).containsExactly("secrets.env");
        assertThat(DeploymentFiles.readLines(".gitignore")).contains(FOLDER + "secrets.env");
    }

    @ParameterizedTest
    @FieldSource("dev.voicebot.testsupport.deploy.DeploymentFiles#SERVICES")
    void serviceRunsAsADeploymentOfItsImageWithProbesOnItsHealthGroups(String service) {
        JsonNode pod = deployment(service).path("spec").path("template").path("spec");
        JsonNode container = container(service);
        assertThat(container.path("image").asString()).isEqualTo("voicebot-" + service);
        assertThat(KUSTOMIZATION.path("images").values())
                .as("the kustomization names the registry image of %s", service)
                .anyMatch(image -> image.path("name").asString().equals("voicebot-" + service)
                        && !image.path("newName").asString().isBlank());
        int port = applicationPort(service).defaultPort();
        assertThat(container.path("ports").values())
                .anyMatch(p -> p.path("name").asString().equals("http")
                        && p.path("containerPort").asInt() == port);
        assertProbe(container.path("startupProbe"), "/actuator/health/liveness");
        assertProbe(container.path("livenessProbe"), "/actuator/health/liveness");
        assertProbe(container.path("readinessProbe"), "/actuator/health/readiness");
        JsonNode resources = container.path("resources");
        assertThat(resources.path("requests").path("cpu").asString()).isNotBlank();
        assertThat(resources.path("requests").path("memory").asString()).matches("\\d+[MG]i");
        assertThat(resources.path("limits").path("memory").asString()).matches("\\d+[MG]i");
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(10001);
        assertThat(container
                        .path("securityContext")
                        .path("allowPrivilegeEscalation")
                        .asBoolean(true))
                .isFalse();
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
    }

    @ParameterizedTest
    @FieldSource("dev.voicebot.testsupport.deploy.DeploymentFiles#SERVICES")
    void serviceGetsTheConfigMapTheSecretKeysItReadsItsPortAndItsPodNameAsInstanceId(String service) {
        JsonNode container = container(service);
        assertThat(container.path("envFrom").values())
                .as("%s reads the ConfigMap", service)
                .anyMatch(source ->
                        source.path("configMapRef").path("name").asString().equals(CONFIG_MAP));
        assertThat(container.path("envFrom").values())
                .as("%s receives only the secret keys it reads, never the whole Secret", service)
                .noneMatch(source -> source.has("secretRef"));
        var port = applicationPort(service);
        assertThat(env(container, port.variable()).path("value").asString())
                .isEqualTo(String.valueOf(port.defaultPort()));
        assertThat(env(container, "VOICEBOT_INSTANCE_ID")
                        .path("valueFrom")
                        .path("fieldRef")
                        .path("fieldPath")
                        .asString())
                .isEqualTo("metadata.name");
        for (JsonNode variable : container.path("env").values()) {
            String name = variable.path("name").asString();
            JsonNode secretKey = variable.path("valueFrom").path("secretKeyRef");
            if (AppVariables.isSecret(name)) {
                assertThat(secretKey.path("name").asString())
                        .as("%s takes %s from the Secret", service, name)
                        .isEqualTo(SECRET);
                assertThat(secretKey.path("key").asString()).isEqualTo(name);
                assertThat(SECRETS).as("secrets.env.example").containsKey(name);
            } else {
                assertThat(secretKey.isMissingNode())
                        .as("%s is no secret", name)
                        .isTrue();
            }
        }
    }

    @ParameterizedTest
    @FieldSource("dev.voicebot.testsupport.deploy.DeploymentFiles#SERVICES")
    void everyRequiredVariableAndEveryDocumentedOneOfTheServiceIsSetInItsPod(String service) {
        Map<String, Boolean> reads = AppVariables.readBy(service);
        assertThat(reads).as("the scan finds what %s reads", service).containsKeys("KAFKA_BOOTSTRAP_SERVERS");
        Set<String> documented = readEnvFile("env.example").keySet();
        var mustBeSet = new TreeSet<String>();
        reads.forEach((variable, required) -> {
            if (required || documented.contains(variable)) {
                mustBeSet.add(variable);
            }
        });
        mustBeSet.removeAll(setInPod(service));
        assertThat(mustBeSet)
                .as(
                        "variables %s reads without a default, or that env.example documents, but its pod does not set",
                        service)
                .isEmpty();
        reads.forEach((variable, required) -> {
            if (required) {
                assertThat(documented)
                        .as("env.example documents required %s", variable)
                        .contains(variable);
            }
        });
    }

    @Test
    void everyVariableTheManifestsSetIsOneAServiceReadsAndSecretsStayInTheSecret() {
        Set<String> read = AppVariables.readByAnyService();
        var set = new TreeSet<String>(CONFIG.keySet());
        set.addAll(SECRETS.keySet());
        SERVICES.forEach(service -> container(service)
                .path("env")
                .values()
                .forEach(variable -> set.add(variable.path("name").asString())));
        set.removeAll(read);
        assertThat(set).as("variables the manifests set that no service reads").isEmpty();
        assertThat(CONFIG.keySet()).as("secrets in config.env").noneMatch(AppVariables::isSecret);
        assertThat(SECRETS.values()).as("secrets.env.example holds no value").allMatch(String::isEmpty);
    }

    @Test
    void eachGatewayPodDrainsItsCallsBeforeItStops() {
        JsonNode pod = deployment("gateway").path("spec").path("template").path("spec");
        List<String> preStop = strings(container("gateway")
                .path("lifecycle")
                .path("preStop")
                .path("exec")
                .path("command"));
        assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
        assertThat(pod.path("terminationGracePeriodSeconds").asInt())
                .as("the grace period leaves time to drain calls after the preStop pause")
                .isGreaterThanOrEqualTo(Integer.parseInt(preStop.get(1)) + 300);
        JsonNode strategy = deployment("gateway").path("spec").path("strategy").path("rollingUpdate");
        assertThat(strategy.path("maxUnavailable").asInt()).isZero();
    }

    @ParameterizedTest
    @FieldSource("dev.voicebot.testsupport.deploy.DeploymentFiles#SCALED_SERVICES")
    void scaledServiceRunsTwoOrMorePodsSpreadOverNodesUnderADisruptionBudgetThatSelectsThem(String service) {
        assertThat(deployment(service).path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode spread = deployment(service)
                .path("spec")
                .path("template")
                .path("spec")
                .path("topologySpreadConstraints")
                .path(0);
        assertThat(spread.path("topologyKey").asString()).isEqualTo("kubernetes.io/hostname");
        assertSelects(spread.path("labelSelector").path("matchLabels"), service);
        JsonNode budget = object("PodDisruptionBudget", service);
        assertThat(budget.path("apiVersion").asString()).isEqualTo("policy/v1");
        assertSelects(budget.path("spec").path("selector").path("matchLabels"), service);
        JsonNode spec = budget.path("spec");
        assertThat(spec.has("minAvailable") || spec.has("maxUnavailable")).isTrue();
        assertThat(spec.path("minAvailable").asInt(0)).isLessThan(2);
    }

    @Test
    void everyDisruptionBudgetAndServiceSelectsTheLabelsOfSomeDeploymentsPods() {
        for (JsonNode object : OBJECTS) {
            String kind = object.path("kind").asString();
            JsonNode selector =
                    switch (kind) {
                        case "PodDisruptionBudget" ->
                            object.path("spec").path("selector").path("matchLabels");
                        case "Service" -> object.path("spec").path("selector");
                        default -> null;
                    };
            if (selector != null) {
                assertThat(SERVICES)
                        .as("%s %s selects some Deployment's pods", kind, name(object))
                        .anyMatch(deployment -> podLabels(deployment).entrySet().containsAll(selector.properties()));
            }
        }
    }

    @Test
    void theDialerRunsAsOnePodReplacedNotRolled() {
        JsonNode spec = deployment("dialer").path("spec");
        assertThat(spec.path("replicas").asInt()).isEqualTo(1);
        assertThat(spec.path("strategy").path("type").asString()).isEqualTo("Recreate");
    }

    @ParameterizedTest
    @FieldSource("WORKERS")
    void kedaScalesEachWorkerOnTheLagOfItsOwnConsumerGroupOnATopicItReads(String worker) throws IOException {
        JsonNode scaled = object("ScaledObject", worker);
        assertThat(scaled.path("apiVersion").asString()).isEqualTo("keda.sh/v1alpha1");
        assertThat(scaled.path("spec").path("scaleTargetRef").path("name").asString())
                .as("the ScaledObject targets an existing Deployment")
                .isEqualTo(name(deployment(worker)));
        int partitions = Integer.parseInt(CONFIG.get("VOICEBOT_KAFKA_PARTITIONS"));
        assertThat(scaled.path("spec").path("minReplicaCount").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(scaled.path("spec").path("maxReplicaCount").asInt()).isBetween(2, partitions);
        JsonNode kafka = scaled.path("spec").path("triggers").values().stream()
                .filter(trigger -> trigger.path("type").asString().equals("kafka"))
                .findFirst()
                .orElseThrow()
                .path("metadata");
        assertThat(kafka.path("bootstrapServersFromEnv").asString()).isEqualTo("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(container(worker).path("envFrom").values())
                .as("KAFKA_BOOTSTRAP_SERVERS is in the env of the target container")
                .isNotEmpty();
        assertThat(CONFIG).containsKey("KAFKA_BOOTSTRAP_SERVERS");

        String application = DeploymentFiles.readString(worker + "/src/main/resources/application.yml");
        Matcher group = GROUP_ID.matcher(application);
        assertThat(group.find())
                .as("%s sets its consumer group as ${VARIABLE:default}", worker)
                .isTrue();
        assertThat(CONFIG).as("config.env keeps %s's default group", worker).doesNotContainKey(group.group(1));
        assertThat(kafka.path("consumerGroup").asString()).isEqualTo(group.group(2));

        String topic = kafka.path("topic").asString();
        String constant = topicConstants().get(topic);
        assertThat(constant).as("%s is a topic of common's Topics", topic).isNotNull();
        assertThat(listenedTopicLines(worker))
                .as("%s listens to Topics.%s", worker, constant)
                .anyMatch(line -> line.contains("Topics." + constant));
    }

    @Test
    void theIngressRoutesTheSocketToTheGatewayServiceOverTlsWithHourLongTimeouts() {
        JsonNode ingress = object("Ingress", "gateway");
        JsonNode annotations = ingress.path("metadata").path("annotations");
        for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
            assertThat(Integer.parseInt(annotations
                            .path("nginx.ingress.kubernetes.io/" + timeout)
                            .asString("0")))
                    .as(timeout)
                    .isGreaterThanOrEqualTo(3600);
        }
        assertThat(ingress.path("spec").path("ingressClassName").asString()).isEqualTo("nginx");
        JsonNode tls = ingress.path("spec").path("tls").path(0);
        assertThat(tls.path("secretName").asString()).isNotBlank();
        JsonNode rule = ingress.path("spec").path("rules").path(0);
        assertThat(strings(tls.path("hosts"))).contains(rule.path("host").asString());
        assertThat(rule.path("http").path("paths").values())
                .anyMatch(path -> path.path("path").asString().equals("/ws")
                        && path.path("backend")
                                .path("service")
                                .path("name")
                                .asString()
                                .equals("gateway"));
        assertThat(CONFIG.get("DIALER_STREAM_URL"))
                .isEqualTo("wss://" + rule.path("host").asString() + "/ws");
    }

    @Test
    void everyIngressBackendIsAServicePortThatReachesAContainerPort() {
        for (JsonNode ingress : objects("Ingress")) {
            assertThat(ingress.path("spec").path("tls").values())
                    .as("%s has TLS", name(ingress))
                    .isNotEmpty();
            for (JsonNode rule : ingress.path("spec").path("rules").values()) {
                for (JsonNode path : rule.path("http").path("paths").values()) {
                    JsonNode backend = path.path("backend").path("service");
                    JsonNode service = object("Service", backend.path("name").asString());
                    String portName = backend.path("port").path("name").asString();
                    assertThat(service.path("spec").path("ports").values())
                            .as("Service %s has port %s", name(service), portName)
                            .anyMatch(port -> port.path("name").asString().equals(portName));
                }
            }
        }
        for (JsonNode service : objects("Service")) {
            String deployment = service.path("spec")
                    .path("selector")
                    .path("app.kubernetes.io/name")
                    .asString();
            for (JsonNode port : service.path("spec").path("ports").values()) {
                assertThat(container(deployment).path("ports").values())
                        .as("Service %s targets a named port of %s", name(service), deployment)
                        .anyMatch(p -> p.path("name")
                                .asString()
                                .equals(port.path("targetPort").asString()));
            }
        }
        assertThat(objects("Service").stream().map(KubernetesManifestsTest::name))
                .contains("gateway", "dialer");
    }

    /** Where kubectl is installed: kustomize builds the folder (with secrets.env from its example). */
    @Test
    void kustomizeBuildsTheFolderWhenKubectlIsInstalled(@TempDir Path copy) throws Exception {
        assumeThat(onPath("kubectl")).as("kubectl on PATH").isTrue();
        try (Stream<Path> files = Files.list(ROOT.resolve(FOLDER))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Files.copy(copy.resolve("secrets.env.example"), copy.resolve("secrets.env"));
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", copy.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(kubectl.getInputStream().readAllBytes());
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as("kubectl kustomize: %s", output).isZero();
        assertThat(output).contains("name: " + SECRET + "-").contains("name: " + CONFIG_MAP + "-");
    }

    private static Set<String> setInPod(String service) {
        var set = new TreeSet<String>(CONFIG.keySet());
        container(service)
                .path("env")
                .values()
                .forEach(variable -> set.add(variable.path("name").asString()));
        return set;
    }

    private static void assertProbe(JsonNode probe, String path) {
        assertThat(probe.path("httpGet").path("path").asString()).isEqualTo(path);
        assertThat(probe.path("httpGet").path("port").asString()).isEqualTo("http");
    }

    private static void assertSelects(JsonNode labels, String service) {
        assertThat(podLabels(service).entrySet()).containsAll(labels.properties());
    }

    private static Map<String, JsonNode> podLabels(String service) {
        var labels = new LinkedHashMap<String, JsonNode>();
        deployment(service)
                .path("spec")
                .path("template")
                .path("metadata")
                .path("labels")
                .properties()
                .forEach(entry -> labels.put(entry.getKey(), entry.getValue()));
        return labels;
    }

    private static JsonNode env(JsonNode container, String name) {
        return container.path("env").values().stream()
                .filter(variable -> variable.path("name").asString().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in the container's env"));
    }

    private static JsonNode container(String service) {
        JsonNode containers =
                deployment(service).path("spec").path("template").path("spec").path("containers");
        assertThat(containers.values()).hasSize(1);
        return containers.path(0);
    }

    private static JsonNode deployment(String service) {
        JsonNode deployment = object("Deployment", service);
        assertThat(deployment.path("spec").path("selector").path("matchLabels").properties())
                .isNotEmpty();
        assertSelectsOwnPods(deployment);
        return deployment;
    }

    private static void assertSelectsOwnPods(JsonNode deployment) {
        JsonNode template =
                deployment.path("spec").path("template").path("metadata").path("labels");
        assertThat(template.properties())
                .containsAll(deployment
                        .path("spec")
                        .path("selector")
                        .path("matchLabels")
                        .properties());
    }

    private static JsonNode object(String kind, String name) {
        return objects(kind).stream()
                .filter(object -> name(object).equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + FOLDER));
    }

    private static List<JsonNode> objects(String kind) {
        return OBJECTS.stream()
                .filter(object -> object.path("kind").asString().equals(kind))
                .toList();
    }

    private static String name(JsonNode object) {
        return object.path("metadata").path("name").asString();
    }

    private static List<String> generator(String generators, String name) {
        return KUSTOMIZATION.path(generators).values().stream()
                .filter(generator -> generator.path("name").asString().equals(name))
                .findFirst()
                .map(generator -> strings(generator.path("envs")))
                .orElse(List.of());
    }

    private static List<JsonNode> objects() {
        var objects = new ArrayList<JsonNode>();
        for (String manifest : strings(KUSTOMIZATION.path("resources"))) {
            objects.addAll(readYamlDocuments(FOLDER + manifest));
        }
        return objects;
    }

    /** Topic name to constant name, from common's Topics. */
    private static Map<String, String> topicConstants() {
        var constants = new HashMap<String, String>();
        Matcher constant = TOPIC_CONSTANT.matcher(
                DeploymentFiles.readString("common/src/main/java/dev/voicebot/common/kafka/Topics.java"));
        while (constant.find()) {
            constants.put(constant.group(2), constant.group(1));
        }
        return constants;
    }

    /** Lines of a worker's main sources that name the topics a listener subscribes to. */
    private static List<String> listenedTopicLines(String worker) throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve(worker).resolve("src/main/java"))) {
            var lines = new ArrayList<String>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                    .sorted(Comparator.naturalOrder())
                    .toList()) {
                Files.readAllLines(file).stream()
                        .filter(line -> line.contains("topics =") || line.contains("TOPICS ="))
                        .forEach(lines::add);
            }
            return lines;
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null
                && Stream.of(path.split(File.pathSeparator))
                        .anyMatch(folder -> Files.isExecutable(Path.of(folder, command)));
    }
}
