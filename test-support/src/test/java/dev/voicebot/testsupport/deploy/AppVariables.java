package dev.voicebot.testsupport.deploy;

import static dev.voicebot.testsupport.deploy.DeploymentFiles.ROOT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variables a service reads, found in its sources: {@code ${VARIABLE}} and {@code
 * ${VARIABLE:default}} placeholders in its application*.yml, in service-kit's voicebot-defaults.yml
 * (every service imports it) and in {@code @Value} strings, plus {@code System.getenv("VARIABLE")}.
 * A variable is required when some placeholder of it has no default.
 */
final class AppVariables {

    /** Modules every service runs the code of, besides its own. */
    private static final List<String> SHARED_MODULES = List.of("common", "service-kit");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:?)");
    private static final Pattern GETENV = Pattern.compile("System\\.getenv\\(\"([A-Z][A-Z0-9_]*)\"\\)");
    private static final Pattern SECRET_NAME = Pattern.compile(".*_(KEY|TOKEN|PASSWORD|SECRET)");

    private AppVariables() {}

    /** Each variable {@code service} reads, mapped to whether it is required (read without a default). */
    static Map<String, Boolean> readBy(String service) {
        var variables = new TreeMap<String, Boolean>();
        for (String module :
                Stream.concat(Stream.of(service), SHARED_MODULES.stream()).toList()) {
            for (Path source : sources(ROOT.resolve(module).resolve("src/main"))) {
                String text = read(source);
                Matcher placeholder = PLACEHOLDER.matcher(text);
                while (placeholder.find()) {
                    boolean required = placeholder.group(2).isEmpty();
                    variables.merge(placeholder.group(1), required, Boolean::logicalOr);
                }
                Matcher getenv = GETENV.matcher(text);
                while (getenv.find()) {
                    variables.putIfAbsent(getenv.group(1), false);
                }
            }
        }
        return variables;
    }

    /** Every variable some service reads. */
    static Set<String> readByAnyService() {
        var all = new TreeSet<String>();
        DeploymentFiles.SERVICES.forEach(service -> all.addAll(readBy(service).keySet()));
        return all;
    }

    /** Keys, tokens and passwords: they belong in Secrets, never in a ConfigMap or a manifest. */
    static boolean isSecret(String variable) {
        return SECRET_NAME.matcher(variable).matches();
    }

    private static List<Path> sources(Path main) {
        if (!Files.isDirectory(main)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(main)) {
            return files.filter(AppVariables::isScanned).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isScanned(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".java")
                || name.equals("voicebot-defaults.yml")
                || (name.startsWith("application") && (name.endsWith(".yml") || name.endsWith(".yaml")));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
