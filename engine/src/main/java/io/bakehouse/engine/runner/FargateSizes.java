package io.bakehouse.engine.runner;

import java.util.Map;
import java.util.TreeMap;

/** The CPU and memory combinations Fargate accepts (CPU units → memory range and step, MiB). */
final class FargateSizes {

    private record Range(int min, int max, int step) {
        boolean allows(int memory) {
            return memory >= min && memory <= max && (memory == min || (memory - min) % step == 0);
        }
    }

    private static final Map<Integer, Range> SIZES = new TreeMap<>(Map.of(
            256, new Range(512, 2048, 512),
            512, new Range(1024, 4096, 1024),
            1024, new Range(2048, 8192, 1024),
            2048, new Range(4096, 16384, 1024),
            4096, new Range(8192, 30720, 1024),
            8192, new Range(16384, 61440, 4096),
            16384, new Range(32768, 122880, 8192)));

    private FargateSizes() {
    }

    static boolean validCpu(int cpu) {
        return SIZES.containsKey(cpu);
    }

    static boolean validPair(int cpu, int memory) {
        Range r = SIZES.get(cpu);
        return r != null && r.allows(memory);
    }

    static String cpuValues() {
        return SIZES.keySet().toString();
    }

    static String memoryRange(int cpu) {
        Range r = SIZES.get(cpu);
        return r == null ? "none" : r.min + "-" + r.max + " MiB in steps of " + r.step;
    }

    static void checkLimits(int defaultCpu, int defaultMemory, int maxCpu, int maxMemory) {
        if (!validCpu(maxCpu)) {
            throw ConfigReader.invalid("maxCpu", maxCpu + " is not a Fargate CPU size " + cpuValues());
        }
        if (!validCpu(defaultCpu) || defaultCpu > maxCpu) {
            throw ConfigReader.invalid("defaultCpu", defaultCpu + " is not a Fargate CPU size " + cpuValues()
                    + " at most maxCpu (" + maxCpu + ")");
        }
        if (!validPair(defaultCpu, defaultMemory) || defaultMemory > maxMemory) {
            throw ConfigReader.invalid("defaultMemory", defaultMemory + " MiB does not fit " + defaultCpu
                    + " CPU units (" + memoryRange(defaultCpu) + ") or exceeds maxMemory");
        }
        if (maxMemory < defaultMemory) {
            throw ConfigReader.invalid("maxMemory", "must be at least defaultMemory (" + defaultMemory + ")");
        }
    }
}
