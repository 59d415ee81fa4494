package dev.voicebot.testsupport.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reading the repository's deployment files: YAML (one or many documents), env files, ports. */
final class DeploymentFiles {

    static final Path ROOT = repositoryRoot();

    /** The Spring Boot services, each a module folder, a compose service and a Kubernetes Deployment. */
    static final List<String> SERVICES = List.of("gateway", "dialer", "stt-worker", "llm-worker", "tts-worker");

    /** The services compose and Kubernetes run two or more of (the dialer runs once: campaigns). */
    static final List<String> SCALED_SERVICES = List.of("gateway", "stt-worker", "llm-worker", "tts-worker");

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern PORT_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):(\\d+)}");
    private static final Pattern ENV_ASSIGNMENT = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$");

    private DeploymentFiles() {}

    static JsonNode readYaml(String relativePath) {
        Path file = ROOT.resolve(relativePath);
        assertThat(file).exists();
        return YAML.readTree(file.toFile());
    }

    /** Every document of a multi-document YAML file ({@code ---} separated). */
    static List<JsonNode> readYamlDocuments(String relativePath) {
        Path file = ROOT.resolve(relativePath);
        assertThat(file).exists();
        return YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll().stream()
                .filter(document -> document != null && document.isObject())
                .toList();
    }

    /** The NAME=value lines of an env file (env.example, deploy/k8s/config.env), in file order. */
    static Map<String, String> readEnvFile(String relativePath) {
        var variables = new LinkedHashMap<String, String>();
        for (String line : readLines(relativePath)) {
            Matcher assignment = ENV_ASSIGNMENT.matcher(line);
            if (assignment.matches()) {
                variables.put(assignment.group(1), assignment.group(2));
            }
        }
        return variables;
    }

    static List<String> readLines(String relativePath) {
        try {
            return Files.readAllLines(ROOT.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String readString(String relativePath) {
        try {
            return Files.readString(ROOT.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asString)
                .toList();
    }

    record ServicePort(String variable, int defaultPort) {}

    /** The port variable and default of a module's {@code server.port: ${VARIABLE:default}}. */
    static ServicePort applicationPort(String module) {
        String application = module + "/src/main/resources/application.yml";
        String serverPort = readYaml(application).path("server").path("port").asString();
        Matcher placeholder = PORT_PLACEHOLDER.matcher(serverPort);
        assertThat(placeholder.matches())
                .as("%s sets server.port as ${VARIABLE:default}, found '%s'", application, serverPort)
                .isTrue();
        return new ServicePort(placeholder.group(1), Integer.parseInt(placeholder.group(2)));
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
