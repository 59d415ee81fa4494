package dev.voicebot.e2e;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the running services' resources: CPU time, heap after a full collection, the gateway's calls in flight. */
final class PipelineProbe {

    /** This JVM's name in {@link #cpuNanos}. */
    static final String LOAD_GENERATOR = "load generator";

    private static final String ACTIVE_CALLS = "voicebot.gateway.calls.active";

    /** This pipeline's broker in {@link #cpuNanos}. */
    static final String BROKER = "broker";

    private final Map<String, ServiceProcess> processes;
    private final BrokerProcess broker;

    /** @param processes the services to read, by name; the gateway's under {@code gateway} */
    private PipelineProbe(Map<String, ServiceProcess> processes, BrokerProcess broker) {
        this.processes = Collections.unmodifiableMap(new LinkedHashMap<>(processes));
        this.broker = broker;
    }

    static PipelineProbe of(E2ePipeline pipeline) {
        Map<String, ServiceProcess> processes = new LinkedHashMap<>();
        E2ePipeline.SERVICES.forEach(name -> processes.put(name, pipeline.service(name)));
        return new PipelineProbe(processes, pipeline.broker());
    }

    /** CPU time used so far by each service, the broker and this JVM under {@code load generator}. */
    Map<String, Long> cpuNanos() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        processes.forEach((name, process) -> cpu.put(name, process.cpuNanos()));
        cpu.put(BROKER, broker.cpuNanos());
        cpu.put(LOAD_GENERATOR, ProcessCpu.nanos(ProcessHandle.current().pid()));
        return cpu;
    }

    /** Heap after a full collection of each service (not the broker: it has no actuator). */
    Map<String, Long> heapAfterGcBytes() throws IOException, InterruptedException {
        Map<String, Long> heap = new LinkedHashMap<>();
        for (String name : E2ePipeline.SERVICES) {
            ServiceProcess process = processes.get(name);
            if (process != null) {
                heap.put(name, process.heapAfterGcBytes());
            }
        }
        return heap;
    }

    /** Waits until the gateway's gauge of calls in flight reads 0; returns the last reading. */
    double awaitNoActiveCalls(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        double active = processes.get("gateway").metric(ACTIVE_CALLS);
        while (active > 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            active = processes.get("gateway").metric(ACTIVE_CALLS);
        }
        return active;
    }

    /** Cores used between two {@link #cpuNanos} readings {@code wallMillis} apart. */
    static Map<String, Double> cores(Map<String, Long> before, Map<String, Long> after, long wallMillis) {
        Map<String, Double> cores = new LinkedHashMap<>();
        after.forEach((name, nanos) -> cores.put(name, (nanos - before.getOrDefault(name, nanos)) / 1e6 / wallMillis));
        return cores;
    }
}
