package dev.voicebot.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where the services' packaged jars are: {@code <repository>/<module>/target/<module>-<version>.jar}. */
final class ServiceJars {

    private ServiceJars() {}

    /** The repository root, as the build passes it ({@code voicebot.root}), else found above the working directory. */
    static Path root() {
        String configured = System.getProperty("voicebot.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("voicebot")) && Files.isDirectory(dir.resolve("e2e"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "cannot find the repository root: run the tests with Maven, which sets voicebot.root");
    }

    /**
     * The jar of {@code module}.
     *
     * @throws IllegalStateException naming the missing jar and the command that builds it
     */
    static Path jar(String module) {
        return jar(root(), module);
    }

    static Path jar(Path root, String module) {
        String version = System.getProperty("voicebot.version", "0.1.0-SNAPSHOT");
        Path jar = root.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the end-to-end tests run the services from their packaged jars, and "
                    + root.relativize(jar) + " is missing. Build the services first: ./mvnw -B -DskipTests -pl "
                    + String.join(",", E2ePipeline.SERVICES) + " -am package"
                    + " (./mvnw -B verify from the repository root packages them before it runs these tests)");
        }
        return jar;
    }

    /**
     * Copies the jar of {@code module} into {@code folder} and returns the copy: a service runs from its own copy,
     * so a build that rewrites the jar meanwhile cannot pull classes from under it.
     */
    static Path copy(String module, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path copy = folder.resolve(module + ".jar");
        Files.copy(jar(module), copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }
}
