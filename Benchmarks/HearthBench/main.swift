print("hearth-bench: no benchmarks yet")
