#!/usr/bin/env python3
"""Share of a JFR recording's CPU samples that have a method on the stack (inclusive).

Usage: bench/jfr-shares.py RECORDING.jfr METHOD [METHOD...]
  METHOD is a fully qualified name, e.g. io.quarkus.opentelemetry.runtime.OpenTelemetryUtil.setMDCData
  The special METHOD 'tracing' counts samples with any io.opentelemetry. or io.quarkus.opentelemetry. frame.

Reads the recording with the selected JDK's `jfr print --events jdk.ExecutionSample` (bin/bench --profile leaves one
per service and setup in bench/target/run/jfr). Used for the shares quoted in bench/results/analysis.md.
"""
import os
import re
import subprocess
import sys

FRAME = re.compile(r'^\s+([\w$.<>]+)\(')
TRACING = ('io.opentelemetry.', 'io.quarkus.opentelemetry.')


def stacks(recording):
    jfr = os.path.join(os.environ.get('JAVA_HOME', '/usr'), 'bin', 'jfr')
    output = subprocess.run([jfr, 'print', '--events', 'jdk.ExecutionSample', '--stack-depth', '128', recording],
                            capture_output=True, text=True, check=True).stdout
    for event in output.split('jdk.ExecutionSample')[1:]:
        frames = [match.group(1) for line in event.splitlines() if (match := FRAME.match(line))]
        if frames:
            yield frames


def main(recording, methods):
    total = 0
    counts = dict.fromkeys(methods, 0)
    for frames in stacks(recording):
        total += 1
        for method in methods:
            if (method == 'tracing' and any(f.startswith(TRACING) for f in frames)) or method in frames:
                counts[method] += 1
    print(f'{recording}: {total} samples')
    for method, count in counts.items():
        print(f'  {count:6d}  {100.0 * count / max(total, 1):5.1f} %  {method}')


if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
