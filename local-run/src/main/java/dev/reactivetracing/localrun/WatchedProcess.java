package dev.reactivetracing.localrun;

import java.nio.file.Path;

/** A process a launcher started whose unexpected exit ends the run, with the log that says why. */
record WatchedProcess(String name, ProcessHandle process, Path logFile) {
}
