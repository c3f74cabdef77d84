import Foundation
import Interchange
import Testing

/// Files written piece by piece: the bytes of one write, all or none, nothing left on failure.
@Suite struct AtomicFileSetTests {
    @Test func piecesMakeTheSameBytesAsOneWrite() throws {
        let dir = try AtomicFileTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Pieces small and large, around the buffer's size, so every path of `write` is taken.
        var rng = SystemRandomNumberGenerator()
        var pieces: [String] = []
        for k in 0..<60 {
            let length = k % 10 == 0 ? AtomicFileSet.bufferSize + Int.random(in: -3...3, using: &rng) : Int.random(in: 0...70_000, using: &rng)
            pieces.append(String(repeating: String(UnicodeScalar(UInt8(97 + k % 26))), count: length) + "é\n")
        }
        let paths = ["a.csv", "deeper/b.json"].map { dir.appendingPathComponent($0).path }
        let set = try AtomicFileSet(paths: paths)
        for (k, piece) in pieces.enumerated() { try set.write(piece, to: k % 2) }
        // Nothing appears before the commit.
        #expect(!FileManager.default.fileExists(atPath: paths[0]))
        try set.commit()
        let expected = [pieces.enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined(),
                        pieces.enumerated().filter { $0.offset % 2 == 1 }.map(\.element).joined()]
        for (path, text) in zip(paths, expected) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(text.utf8))
        }
        #expect(AtomicFileTests.entries(dir) == ["a.csv", "deeper"])
        #expect(AtomicFileTests.entries(dir.appendingPathComponent("deeper")) == ["b.json"])
    }

    @Test func abandonedOrFailedWritingLeavesTheOldFilesAndNothingElse() throws {
        let dir = try AtomicFileTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = dir.appendingPathComponent("match.csv")
        try "old rows\n".write(to: old, atomically: false, encoding: .utf8)
        let paths = [old.path, dir.appendingPathComponent("new/match.json").path]
        // Abandoned half-way (as when scoring fails or the process is told to stop).
        let set = try AtomicFileSet(paths: paths)
        try set.write(String(repeating: "x", count: 3 * AtomicFileSet.bufferSize), to: 0)
        try set.write("{", to: 1)
        set.abandon()
        #expect(AtomicFileTests.read(old) == "old rows\n")
        #expect(AtomicFileTests.entries(dir) == ["match.csv"], "temporaries and the created folder are removed")
        // A commit that cannot rename (the second target became a non-empty directory) restores
        // the first file and removes everything it made.
        let blocked = dir.appendingPathComponent("blocked")
        let set2 = try AtomicFileSet(paths: [old.path, blocked.path])
        try set2.write("new rows\n", to: 0)
        try set2.write("new", to: 1)
        try FileManager.default.createDirectory(at: blocked.appendingPathComponent("inside"), withIntermediateDirectories: true)
        #expect(throws: FileWriteError.self) { try set2.commit() }
        #expect(AtomicFileTests.read(old) == "old rows\n")
        #expect(AtomicFileTests.entries(dir) == ["blocked", "match.csv"])
        // Dropped without commit: the same as abandon.
        do {
            let set3 = try AtomicFileSet(paths: [dir.appendingPathComponent("never.csv").path])
            try set3.write("rows", to: 0)
        }
        #expect(AtomicFileTests.entries(dir) == ["blocked", "match.csv"])
    }
}
