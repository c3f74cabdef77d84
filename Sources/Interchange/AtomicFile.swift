import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that could not be written, with the operating system's reason.
public struct FileWriteError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Whole-or-nothing file output: write beside the target, then rename over it.
///
/// ## Design note
/// Each file is written under a unique temporary name in the target's directory (so the final
/// `rename(2)` is atomic and two writers never share a temporary), flushed with `fsync`, given
/// the permissions of the file it replaces, and renamed over the target: a reader sees the old
/// file or the new one, never half of one. On any failure the temporary files are removed.
/// `writeAll` extends this to several files: it stages every file first, keeps a hard link to
/// each file it will replace, renames them all, and if a rename fails puts back the files it
/// already replaced and removes the ones it created, so either all appear or none do
/// (short of a crash between renames). Directories it had to create are removed again on failure.
public enum AtomicFile {
    /// Writes `data` to `path` atomically: a reader sees the old file or the new one, never half.
    public static func write(_ data: Data, to path: String) throws {
        try writeAll([(path: path, data: data)])
    }

    /// Writes text as UTF-8, atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Writes several files so that either all appear (replacing any old ones) or none do.
    public static func writeAll(_ files: [(path: String, data: Data)]) throws {
        var createdDirectories: [String] = []
        var staged: [(temporary: String, target: String, display: String)] = []
        var backups: [String: String] = [:]  // target -> hard link to the old file
        var renamed: [String] = []
        var targets: Set<String> = []
        for (path, _) in files where !targets.insert(URL(fileURLWithPath: path).standardizedFileURL.path).inserted {
            throw FileWriteError(path: path, reason: "named twice among the files to write: expected each output once")
        }
        do {
            for (path, data) in files {
                let target = URL(fileURLWithPath: path).standardizedFileURL.path
                createdDirectories += try makeParentDirectories(of: path)
                if isDirectory(target) { throw FileWriteError(path: path, reason: "is a directory") }
                let temporary = try writeTemporary(data, beside: target, displayPath: path)
                staged.append((temporary, target, path))
            }
            for (_, target, display) in staged where backups[target] == nil && FileManager.default.fileExists(atPath: target) {
                let backup = uniqueName(beside: target, tag: "old")
                if link(target, backup) != 0 {
                    // No hard links on this file system: keep a copy instead.
                    do { try FileManager.default.copyItem(atPath: target, toPath: backup) } catch {
                        throw FileWriteError(path: display, reason: "cannot keep a copy of the old file to restore on failure")
                    }
                }
                backups[target] = backup
            }
            for (temporary, target, display) in staged {
                guard rename(temporary, target) == 0 else { throw FileWriteError(path: display, reason: errorText()) }
                renamed.append(target)
            }
        } catch {
            // Put back what was replaced, remove what was created, newest first.
            for target in renamed.reversed() {
                if let backup = backups[target] {
                    _ = rename(backup, target)
                } else {
                    _ = unlink(target)
                }
            }
            for (temporary, _, _) in staged { _ = unlink(temporary) }
            for backup in backups.values { _ = unlink(backup) }
            for directory in createdDirectories.reversed() { _ = rmdir(directory) }
            throw error
        }
        for backup in backups.values { _ = unlink(backup) }
    }

    /// Writes `data` to a new uniquely named file beside `target`, flushed to disk, with the
    /// permissions of the file it will replace (0644 less the umask for a new file).
    package static func writeTemporary(_ data: Data, beside target: String, displayPath: String) throws -> String {
        let temporary = uniqueName(beside: target, tag: "tmp")
        var mode: mode_t = 0o644
        var info = stat()
        if stat(target, &info) == 0 { mode = info.st_mode & 0o7777 }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else { throw FileWriteError(path: displayPath, reason: errorText()) }
        var failure: String?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errorText()
                    return
                }
                offset += written
            }
        }
        if failure == nil, fchmod(fd, mode) != 0 || fsync(fd) != 0 { failure = errorText() }
        if close(fd) != 0, failure == nil { failure = errorText() }
        if let failure {
            _ = unlink(temporary)
            throw FileWriteError(path: displayPath, reason: failure)
        }
        return temporary
    }

    /// A hidden name beside `target` that no other writer (process or thread) will pick.
    package static func uniqueName(beside target: String, tag: String) -> String {
        let url = URL(fileURLWithPath: target)
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(tag)-\(getpid())-\(random)").path
    }

    /// Creates the missing directories above `path`; returns those it created, outermost first.
    /// Paths stay as given (relative ones relative), so messages show what the user typed.
    package static func makeParentDirectories(of path: String) throws -> [String] {
        var missing: [String] = []
        var directory = (path as NSString).deletingLastPathComponent
        while !directory.isEmpty && directory != "/" && !FileManager.default.fileExists(atPath: directory) {
            missing.append(directory)
            directory = (directory as NSString).deletingLastPathComponent
        }
        var created: [String] = []
        for directory in missing.reversed() {
            guard mkdir(directory, 0o755) == 0 || errno == EEXIST else {
                let reason = errorText()
                for made in created.reversed() { _ = rmdir(made) }
                throw FileWriteError(path: directory, reason: "cannot create the directory: \(reason)")
            }
            created.append(directory)
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && !isDirectory(parent) {
            for made in created.reversed() { _ = rmdir(made) }
            throw FileWriteError(path: path, reason: "its parent is not a directory")
        }
        return created
    }

    package static func isDirectory(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }

    package static func errorText() -> String { String(cString: strerror(errno)) }

    /// `write(2)`, named apart from this type's own `write`.
    package static func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, bytes, count)
        #else
        Darwin.write(fd, bytes, count)
        #endif
    }
}

/// Reading input files into bytes, with a located problem when that fails.
public enum InputFile {
    /// The file's bytes, or an `InvalidInput` naming the file (missing, a directory, unreadable).
    public static func bytes(at path: String) throws(InvalidInput) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InvalidInput([InputProblem(file: path, line: nil, message: "no such file: expected an existing CSV file")])
        }
        guard !isDirectory.boolValue else {
            throw InvalidInput([InputProblem(file: path, line: nil, message: "is a directory: expected a file")])
        }
        guard let bytes = readAll(path) else {
            throw InvalidInput([InputProblem(file: path, line: nil, message: "cannot be read (permissions?): expected a readable file")])
        }
        return bytes
    }

    /// Every byte of the file at `path`, read to its end with `read(2)` so that pipes and
    /// devices (`/dev/stdin`) work as well as regular files; nil when it cannot be opened or read.
    static func readAll(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}
