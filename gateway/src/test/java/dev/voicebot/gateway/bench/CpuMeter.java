package dev.voicebot.gateway.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of the whole benchmark process and of the gateway's own threads (Tomcat, pacer, route
 * reader, socket-send carriers, the gateway's Kafka producer), so the gateway's share can be told
 * apart from the in-process broker and the simulated clients.
 */
final class CpuMeter {

    record Sample(long wallNanos, long processCpuNanos, Map<Long, Long> gatewayThreadCpuNanos) {}

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuMeter() {}

    static Sample sample() {
        Map<Long, Long> gateway = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && isGatewayThread(info.getThreadName())) {
                long cpu = THREADS.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    gateway.put(info.getThreadId(), cpu);
                }
            }
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Sample(System.nanoTime(), os.getProcessCpuTime(), gateway);
    }

    /** Cores used between two samples: {processCpu, gatewayThreadsCpu}. */
    static double[] coresUsed(Sample from, Sample to) {
        double wall = to.wallNanos() - from.wallNanos();
        long gateway = 0;
        for (var entry : to.gatewayThreadCpuNanos().entrySet()) {
            gateway += entry.getValue() - from.gatewayThreadCpuNanos().getOrDefault(entry.getKey(), 0L);
        }
        return new double[] {(to.processCpuNanos() - from.processCpuNanos()) / wall, gateway / wall};
    }

    private static boolean isGatewayThread(String name) {
        return name.startsWith("http-nio-")
                || name.startsWith("gateway-")
                || name.startsWith("ForkJoinPool-1-worker-")
                || (name.startsWith("kafka-producer-network-thread") && !name.contains("bench-bot"));
    }
}
