package dev.voicebot.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Gives tests the one {@link E2ePipeline} of this test JVM: started before the first test class that uses it, kept in
 * the root context's store so that every class shares it, and closed (every service stopped) when the test run ends.
 * When a test fails, the tails of the services' logs are printed.
 */
final class PipelineExtension implements BeforeAllCallback, ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(E2ePipeline.class);

    /** A failed start, so that later test classes fail at once instead of starting everything again. */
    private static volatile RuntimeException startFailure;

    @Override
    public void beforeAll(ExtensionContext context) {
        pipeline(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == E2ePipeline.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return pipeline(context);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        E2ePipeline pipeline = context.getRoot().getStore(NAMESPACE).get(E2ePipeline.class, E2ePipeline.class);
        if (pipeline != null) {
            System.err.println("e2e: " + context.getDisplayName() + " failed; the services' logs end with:\n"
                    + pipeline.logTails());
        }
    }

    private static E2ePipeline pipeline(ExtensionContext context) {
        RuntimeException failed = startFailure;
        if (failed != null) {
            throw failed;
        }
        // the root store closes it (it is AutoCloseable) after the last test of the run
        return context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(E2ePipeline.class, type -> start(), E2ePipeline.class);
    }

    private static E2ePipeline start() {
        try {
            return E2ePipeline.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw remember(new IllegalStateException("interrupted while starting the pipeline", e));
        } catch (IOException e) {
            throw remember(new UncheckedIOException("the pipeline did not start: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            throw remember(e);
        }
    }

    private static RuntimeException remember(RuntimeException failure) {
        startFailure = failure;
        return failure;
    }
}
