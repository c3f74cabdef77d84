import Foundation

/// Whole-or-nothing file output: write beside the target, then rename over it.
public enum AtomicFile {
    /// Writes `data` to `path` atomically: a reader sees the old file or the new one, never half.
    ///
    /// The temporary file lives in the same directory so the final `rename(2)` is atomic.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Writes text as UTF-8, atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Writes several files so that either all appear or none do: each is first written to a
    /// temporary name, and only when all are written are they renamed into place.
    public static func writeAll(_ files: [(path: String, data: Data)]) throws {
        var staged: [(URL, URL)] = []
        do {
            for (path, data) in files {
                let url = URL(fileURLWithPath: path)
                let directory = url.deletingLastPathComponent()
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
                try data.write(to: temporary)
                staged.append((temporary, url))
            }
            for (temporary, url) in staged where rename(temporary.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            for (temporary, _) in staged { try? FileManager.default.removeItem(at: temporary) }
            throw error
        }
    }
}

/// Reading input files into bytes, with a located problem when that fails.
public enum InputFile {
    /// The file's bytes, or an `InvalidInput` naming the file (missing, a directory, unreadable).
    public static func bytes(at path: String) throws(InvalidInput) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InvalidInput([InputProblem(file: path, line: nil, message: "no such file")])
        }
        guard !isDirectory.boolValue else {
            throw InvalidInput([InputProblem(file: path, line: nil, message: "is a directory: expected a file")])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InvalidInput([InputProblem(file: path, line: nil, message: "cannot be read (permissions?)")])
        }
        return [UInt8](data)
    }
}
