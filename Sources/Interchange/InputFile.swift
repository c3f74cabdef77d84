import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading input files into bytes, with a located problem when that fails.
public enum InputFile {
    /// The largest input file read: 2 GiB, about twenty times a million children's
    /// children.csv (93 MB). A larger file, or a device or pipe that never ends (`/dev/zero`),
    /// is refused with a message instead of being read until memory runs out.
    public static let largestBytes = 1 << 31

    /// The file's bytes, or an `InvalidInput` naming the file (missing, a directory, unreadable,
    /// more than `limit` bytes).
    public static func bytes(at path: String, limit: Int = largestBytes) throws(InvalidInput) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InvalidInput([InputProblem(file: path, line: nil, message: "no such file: expected an existing CSV file")])
        }
        guard !isDirectory.boolValue else {
            throw InvalidInput([InputProblem(file: path, line: nil, message: "is a directory: expected a file")])
        }
        switch readAll(path, limit: limit) {
        case .read(let bytes):
            return bytes
        case .unreadable:
            throw InvalidInput([InputProblem(file: path, line: nil, message: "cannot be read (permissions?): expected a readable file")])
        case .tooLarge:
            throw InvalidInput([InputProblem(
                file: path, line: nil, message: "is larger than \(sizeText(limit)) (or never ends): expected an input file of at most \(sizeText(limit)); is it the right file?")])
        }
    }

    /// What reading a file came to.
    enum Reading {
        case read([UInt8])
        case unreadable
        case tooLarge
    }

    /// Every byte of the file at `path`, read to its end with `read(2)` so that pipes and
    /// devices (`/dev/stdin`) work as well as regular files; `.tooLarge` as soon as more than
    /// `limit` bytes are found (at once, from its size, for a regular file).
    static func readAll(_ path: String, limit: Int) -> Reading {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .unreadable }
        defer { close(fd) }
        var status = stat()
        if fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size) > limit { return .tooLarge }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .unreadable
            }
            if count == 0 { return .read(bytes) }
            if bytes.count + count > limit { return .tooLarge }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// `2 GiB`, `1.5 MiB`, `512 bytes`.
    static func sizeText(_ bytes: Int) -> String {
        let units = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")]
        for (size, unit) in units where bytes >= size {
            let value = Double(bytes) / Double(size)
            return value == value.rounded() ? "\(Int(value)) \(unit)" : String(format: "%.1f \(unit)", value)
        }
        return "\(bytes) bytes"
    }
}
