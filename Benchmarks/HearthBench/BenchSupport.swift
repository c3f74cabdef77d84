import Foundation

/// Command-line options shared by all suites.
struct BenchOptions {
    /// Case names to run (empty = all cases of the suite).
    var cases: [String] = []
    var quick = false
    var runs = 5
    var peers = true
    /// `--time-limit SECONDS`: the joint plan's search limit where a case uses one (national).
    var timeLimit: Double? = 60

    init(_ args: [String]) {
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--quick": quick = true
            case "--no-peers": peers = false
            case "--time-limit":
                i += 1
                timeLimit = Double(args[safe: i] ?? "").flatMap { $0 > 0 ? $0 : nil }
            case "--runs":
                i += 1
                runs = max(1, Int(args[safe: i] ?? "") ?? runs)
            default: cases.append(args[i])
            }
            i += 1
        }
    }

    func wants(_ name: String) -> Bool { cases.isEmpty || cases.contains(name) }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}

/// Wall-clock timing.
enum Clock {
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// CPU seconds used by this process so far (all threads).
    static func cpuNow() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// Runs `body` `runs` times; returns the best and median seconds, the least CPU seconds
    /// of a run (all threads; on a machine shared with other jobs the steadier figure for
    /// single-threaded work) and the last result.
    static func measure<R>(runs: Int, _ body: () -> R) -> (best: Double, median: Double, result: R, cpu: Double) {
        var times: [Double] = []
        var cpu = Double.infinity
        var last: R?
        for _ in 0..<runs {
            let t0 = now(), c0 = cpuNow()
            let r = body()
            times.append(now() - t0)
            cpu = min(cpu, cpuNow() - c0)
            last = r
        }
        times.sort()
        return (times[0], times[times.count / 2], last!, cpu)
    }
}

/// Peak resident memory of this process so far (Linux `VmHWM`), in bytes.
func peakMemoryBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kb * 1024
    }
    return 0
}

/// Where instances and peer scripts live (relative to the package root, found from this file).
enum BenchPaths {
    static var root: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }
    static var instances: String { root + "/Benchmarks/instances" }
    static var peers: String { root + "/Benchmarks/peers" }

    static func ensureInstances() {
        try? FileManager.default.createDirectory(atPath: instances, withIntermediateDirectories: true)
    }
}

/// Instance files the peers read: raw little-endian arrays with a JSON manifest.
enum InstanceWriter {
    /// Writes `values` as raw little-endian float64 (x86-64 and arm64 are little-endian).
    static func write(_ values: [Double], to path: String) {
        values.withUnsafeBytes { try! Data($0).write(to: URL(fileURLWithPath: path)) }
    }

    static func write(_ values: [Int32], to path: String) {
        values.withUnsafeBytes { try! Data($0).write(to: URL(fileURLWithPath: path)) }
    }

    static func writeJSON(_ object: [String: Any], to path: String) {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        try! data.write(to: URL(fileURLWithPath: path))
    }
}

/// Runs a peer script and returns its JSON answer, or nil (with a note) when Python,
/// numpy or scipy are missing.
enum Peer {
    static func run(_ script: String, _ args: [String]) -> [String: Any]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", BenchPaths.peers + "/" + script] + args
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.standardError
        do { try process.run() } catch {
            note("peer \(script) skipped: python3 not found")
            return nil
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            note("peer \(script) skipped (exit \(process.terminationStatus))")
            return nil
        }
        if json["skipped"] != nil {
            note("peer \(script) skipped: \(json["skipped"]!)")
            return nil
        }
        return json
    }
}

func note(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

/// The ratio table printed at the end of a run.
struct RatioTable {
    var rows: [[String]] = []

    mutating func add(_ work: String, hearth: Double, peerName: String, peer: Double?, agreement: String, target: String) {
        let ratio = peer.map { String(format: "%.2fx", $0 / hearth) } ?? "-"
        rows.append([work, String(format: "%.4f s", hearth), peerName, peer.map { String(format: "%.4f s", $0) } ?? "skipped", ratio, target, agreement])
    }

    mutating func add(_ work: String, figure: String, target: String, note: String) {
        rows.append([work, figure, "", "", "", target, note])
    }

    func render() -> String {
        let header = ["work", "hearth", "peer", "peer time", "speed-up", "target", "check"]
        let all = [header] + rows
        var widths = header.map(\.count)
        for r in all { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        return all.map { r in r.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ") }
            .joined(separator: "\n")
    }
}
