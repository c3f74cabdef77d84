import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Several files written piece by piece that appear all together or not at all.
///
/// ## Design note
/// `init` creates any missing parent directories and opens one temporary file beside each
/// target (see `AtomicFile`); `write` appends to a file through a buffer of `bufferSize`
/// bytes, so output of any length is written in constant memory. `commit` flushes, `fsync`s
/// and closes every temporary, keeps a hard link to each file it will replace, and renames
/// them all over their targets; if a rename fails it puts back the files already replaced and
/// removes the ones it created. `abandon` (also called by a failed `commit`) removes the
/// temporaries and the directories `init` created, so a failed or interrupted run leaves the
/// folder as it was. Not thread-safe: one writer at a time.
package final class AtomicFileSet {
    /// Bytes gathered per file before one `write(2)`.
    package static let bufferSize = 1 << 20

    private struct Staged {
        var target: String
        var display: String
        var temporary: String
        var fd: Int32
        var buffer: [UInt8] = []
    }

    private var staged: [Staged] = []
    private var createdDirectories: [String] = []
    private var finished = false

    /// Opens a temporary file beside each of `paths` (each named once).
    package init(paths: [String]) throws {
        var targets: Set<String> = []
        for path in paths where !targets.insert(URL(fileURLWithPath: path).standardizedFileURL.path).inserted {
            throw FileWriteError(path: path, reason: "named twice among the files to write: expected each output once")
        }
        do {
            for path in paths {
                let target = URL(fileURLWithPath: path).standardizedFileURL.path
                createdDirectories += try AtomicFile.makeParentDirectories(of: path)
                if AtomicFile.isDirectory(target) { throw FileWriteError(path: path, reason: "is a directory") }
                let (fd, temporary) = try AtomicFile.openTemporary(beside: target, displayPath: path)
                staged.append(Staged(target: target, display: path, temporary: temporary, fd: fd))
                staged[staged.count - 1].buffer.reserveCapacity(Self.bufferSize)
            }
        } catch {
            abandon()
            throw error
        }
    }

    deinit { if !finished { abandon() } }

    /// Appends `text` (as UTF-8) to file `index` (its position in `paths`).
    package func write(_ text: String, to index: Int) throws {
        var text = text
        try text.withUTF8 { try append(UnsafeRawBufferPointer($0), to: index) }
    }

    /// Appends `data` to file `index`.
    package func write(_ data: Data, to index: Int) throws {
        try data.withUnsafeBytes { try append($0, to: index) }
    }

    private func append(_ bytes: UnsafeRawBufferPointer, to index: Int) throws {
        precondition(!finished, "AtomicFileSet written after commit or abandon")
        if staged[index].buffer.count + bytes.count > Self.bufferSize { try flush(index) }
        if bytes.count >= Self.bufferSize {
            if let reason = AtomicFile.writeFully(staged[index].fd, bytes) {
                throw FileWriteError(path: staged[index].display, reason: reason)
            }
        } else {
            staged[index].buffer.append(contentsOf: bytes)
        }
    }

    private func flush(_ index: Int) throws {
        guard !staged[index].buffer.isEmpty else { return }
        let failure = staged[index].buffer.withUnsafeBytes { AtomicFile.writeFully(staged[index].fd, $0) }
        if let failure { throw FileWriteError(path: staged[index].display, reason: failure) }
        staged[index].buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes every file to disk and renames them all over their targets, or none of them.
    package func commit() throws {
        precondition(!finished, "AtomicFileSet committed twice")
        var backups: [String: String] = [:]  // target -> hard link to the old file
        var renamed: [String] = []
        do {
            for index in staged.indices {
                try flush(index)
                staged[index].buffer = []
                let fd = staged[index].fd
                staged[index].fd = -1
                var failure = fsync(fd) != 0 ? AtomicFile.errorText() : nil
                if close(fd) != 0, failure == nil { failure = AtomicFile.errorText() }
                if let failure { throw FileWriteError(path: staged[index].display, reason: failure) }
            }
            for file in staged where backups[file.target] == nil && FileManager.default.fileExists(atPath: file.target) {
                let backup = AtomicFile.uniqueName(beside: file.target, tag: "old")
                if link(file.target, backup) != 0 {
                    // No hard links on this file system: keep a copy instead.
                    do { try FileManager.default.copyItem(atPath: file.target, toPath: backup) } catch {
                        throw FileWriteError(path: file.display, reason: "cannot keep a copy of the old file to restore on failure")
                    }
                }
                backups[file.target] = backup
            }
            for file in staged {
                guard rename(file.temporary, file.target) == 0 else {
                    throw FileWriteError(path: file.display, reason: AtomicFile.errorText())
                }
                renamed.append(file.target)
            }
        } catch {
            // Put back what was replaced, remove what was created, newest first.
            for target in renamed.reversed() {
                if let backup = backups[target] {
                    _ = rename(backup, target)
                    backups[target] = nil
                } else {
                    _ = unlink(target)
                }
            }
            for backup in backups.values { Self.remove(backup) }
            abandon()
            throw error
        }
        for backup in backups.values { Self.remove(backup) }
        finished = true
    }

    /// Removes a kept copy of an old target (a copy of a directory target is a directory).
    private static func remove(_ backup: String) {
        if unlink(backup) != 0 { try? FileManager.default.removeItem(atPath: backup) }
    }

    /// Removes the temporary files and the directories `init` created; the targets stay as they were.
    package func abandon() {
        guard !finished else { return }
        finished = true
        for file in staged {
            if file.fd >= 0 { _ = close(file.fd) }
            _ = unlink(file.temporary)
        }
        for directory in createdDirectories.reversed() { _ = rmdir(directory) }
    }
}
