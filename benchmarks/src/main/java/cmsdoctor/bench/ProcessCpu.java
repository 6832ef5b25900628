package cmsdoctor.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far by this JVM and by other processes (the forked OpenSearch nodes): on a
 * shared machine the wall clock measures the neighbours, CPU seconds per line measure the work.
 */
final class ProcessCpu {

    /** {@code /proc/PID/stat} counts in USER_HZ, 100 per second on Linux whatever the kernel's HZ. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {}

    /** This JVM's CPU time in nanoseconds (user and system, every thread), or -1 where unknown. */
    static long self() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Process {@code pid}'s CPU time (utime + stime) in nanoseconds, or -1 off Linux or when it is gone. */
    static long of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count from after it
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
