print("hearth-bench: no benchmarks yet")
if CommandLine.arguments.dropFirst().first == "calibration" { CalibrationBenchmarks.run(Array(CommandLine.arguments.dropFirst(2))) }
