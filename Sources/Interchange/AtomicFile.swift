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
/// `AtomicFileSet` does this, also for files written piece by piece (output too large to hold).
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
        let set = try AtomicFileSet(paths: files.map(\.path))
        do {
            for (index, file) in files.enumerated() { try set.write(file.data, to: index) }
            try set.commit()
        } catch {
            set.abandon()
            throw error
        }
    }

    /// Opens a new uniquely named file beside `target` for writing, with the permissions of the
    /// file it will replace (0644 less the umask for a new file): its descriptor and name.
    package static func openTemporary(beside target: String, displayPath: String) throws -> (fd: Int32, path: String) {
        let temporary = uniqueName(beside: target, tag: "tmp")
        var mode: mode_t = 0o644
        var info = stat()
        if stat(target, &info) == 0 { mode = info.st_mode & 0o7777 }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else { throw FileWriteError(path: displayPath, reason: errorText()) }
        if fchmod(fd, mode) != 0 {
            let reason = errorText()
            close(fd)
            unlink(temporary)
            throw FileWriteError(path: displayPath, reason: reason)
        }
        return (fd, temporary)
    }

    /// Writes every byte of `buffer` to `fd`; the system's reason on failure.
    package static func writeFully(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> String? {
        var offset = 0
        while offset < buffer.count {
            let written = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errorText()
            }
            offset += written
        }
        return nil
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
