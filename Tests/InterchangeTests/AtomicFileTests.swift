import Dispatch
import Foundation
import Interchange
import Testing

/// Whole-or-nothing output: no temporary files left, old files kept on failure, all or none.
///
/// Failures are provoked in ways that also fail for root (tests may run as root, for whom
/// permission bits do not stop writes): a parent path that is a regular file, and a target
/// that is a non-empty directory, which `rename(2)` cannot replace.
@Suite struct AtomicFileTests {
    /// A fresh scratch directory, removed by the caller.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func entries(_ directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    static func read(_ url: URL) -> String? { try? String(contentsOf: url, encoding: .utf8) }

    @Test func writeCreatesAndReplacesLeavingNoTemporaryFiles() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("summary.json")
        try AtomicFile.write("first", to: target.path)
        #expect(Self.read(target) == "first")
        try AtomicFile.write("second, longer", to: target.path)
        #expect(Self.read(target) == "second, longer")
        try AtomicFile.write("", to: target.path)
        #expect(Self.read(target) == "")
        #expect(Self.entries(dir) == ["summary.json"])
    }

    @Test func writeCreatesMissingDirectories() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("out/run 1/monthly.csv")
        try AtomicFile.write("a,b\n", to: target.path)
        #expect(Self.read(target) == "a,b\n")
        #expect(Self.entries(target.deletingLastPathComponent()) == ["monthly.csv"])
    }

    @Test func writeKeepsTheReplacedFilesPermissions() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("report.html")
        try "old".write(to: target, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
        try AtomicFile.write("new", to: target.path)
        let permissions = try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }

    @Test func failedWriteLeavesTheOldThingIntactAndNoTemporaryFile() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The target is a non-empty directory: the write must fail and leave it as it was.
        let target = dir.appendingPathComponent("results")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try "keep".write(to: target.appendingPathComponent("inner.txt"), atomically: false, encoding: .utf8)
        #expect(throws: FileWriteError.self) { try AtomicFile.write("new", to: target.path) }
        #expect(Self.entries(dir) == ["results"])
        #expect(Self.read(target.appendingPathComponent("inner.txt")) == "keep")
        // The parent is a regular file: nothing can be created under it.
        let file = dir.appendingPathComponent("plain.txt")
        try "old".write(to: file, atomically: false, encoding: .utf8)
        #expect(throws: (any Error).self) { try AtomicFile.write("x", to: file.appendingPathComponent("child.csv").path) }
        #expect(Self.read(file) == "old")
        #expect(Self.entries(dir) == ["plain.txt", "results"])
    }

    @Test func writeAllWritesEveryFile() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.csv")
        let b = dir.appendingPathComponent("sub/b.csv")
        try "old a".write(to: a, atomically: false, encoding: .utf8)
        try AtomicFile.writeAll([(a.path, Data("new a".utf8)), (b.path, Data("new b".utf8))])
        #expect(Self.read(a) == "new a" && Self.read(b) == "new b")
        #expect(Self.entries(dir) == ["a.csv", "sub"])
        #expect(Self.entries(b.deletingLastPathComponent()) == ["b.csv"])
    }

    @Test func writeAllWritesNothingWhenAFileCannotBeStaged() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.csv")
        let new = dir.appendingPathComponent("fresh/new.csv")
        try "old a".write(to: a, atomically: false, encoding: .utf8)
        let blocker = dir.appendingPathComponent("blocker")
        try "not a directory".write(to: blocker, atomically: false, encoding: .utf8)
        let bad = blocker.appendingPathComponent("deeper/b.csv")
        #expect(throws: FileWriteError.self) {
            try AtomicFile.writeAll([(a.path, Data("new a".utf8)), (new.path, Data("n".utf8)), (bad.path, Data("b".utf8))])
        }
        #expect(Self.read(a) == "old a")
        #expect(Self.entries(dir) == ["a.csv", "blocker"])  // no temporary file, no "fresh" directory
    }

    @Test func writeAllPutsBackReplacedFilesWhenALaterRenameFails() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.csv")
        let b = dir.appendingPathComponent("b.csv")
        try "old a".write(to: a, atomically: false, encoding: .utf8)
        // d is a non-empty directory and comes last, so a and the new b are renamed into
        // place before the rename over d fails: both must be undone.
        let d = dir.appendingPathComponent("d")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: false)
        try "x".write(to: d.appendingPathComponent("inside"), atomically: false, encoding: .utf8)
        #expect(throws: FileWriteError.self) {
            try AtomicFile.writeAll([(a.path, Data("new a".utf8)), (b.path, Data("new b".utf8)), (d.path, Data("d".utf8))])
        }
        #expect(Self.read(a) == "old a")
        #expect(!FileManager.default.fileExists(atPath: b.path))
        #expect(Self.entries(dir) == ["a.csv", "d"])
    }

    @Test func concurrentWritersNeverInterleave() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("shared.csv")
        let contents = (0..<8).map { String(repeating: "writer \($0)\n", count: 20_000) }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            for _ in 0..<5 {
                do { try AtomicFile.write(contents[i], to: target.path) } catch { failures.add("\(error)") }
            }
        }
        #expect(failures.list.isEmpty, "\(failures.list)")
        #expect(contents.contains(Self.read(target) ?? ""))
        #expect(Self.entries(dir) == ["shared.csv"])
    }

    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
        var list: [String] { lock.lock(); defer { lock.unlock() }; return items }
    }
}
