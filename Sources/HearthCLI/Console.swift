import Foundation

/// Where a command's output goes: tables to `out`, progress and messages to `err`.
///
/// The real program writes to stdout and stderr; tests capture both. A failed write to stdout
/// (a full disk, a closed pipe) is remembered, and `hearth` then exits with code 1.
public final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private let writeOut: (String) throws -> Void
    private let writeErr: (String) throws -> Void
    private var firstOutputFailure: String?
    /// Whether stderr is a terminal (progress bars are drawn only then).
    public let interactive: Bool

    public init(out: @escaping (String) throws -> Void, err: @escaping (String) throws -> Void, interactive: Bool = false) {
        writeOut = out
        writeErr = err
        self.interactive = interactive
    }

    /// The process's standard streams.
    public static func standard() -> Console {
        Console(
            out: { try writeAll($0, to: 1) },
            err: { try writeAll($0, to: 2) },
            interactive: isatty(2) != 0)
    }

    /// The first write to stdout that failed, with the system's reason (nil when none did).
    public var outputFailure: String? {
        lock.lock(); defer { lock.unlock() }
        return firstOutputFailure
    }

    /// Writes all of `text` to file descriptor `fd`, retrying short writes and interruptions.
    static func writeAll(_ text: String, to fd: Int32) throws {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw StreamWriteError(reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    /// A console that keeps everything written, for tests.
    public static func capturing() -> (Console, CapturedOutput) {
        let captured = CapturedOutput()
        let console = Console(out: { captured.append(out: $0) }, err: { captured.append(err: $0) })
        return (console, captured)
    }

    /// Writes text to stdout (no newline added).
    public func print(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        do { try writeOut(text) } catch { if firstOutputFailure == nil { firstOutputFailure = "\(error)" } }
    }

    /// Writes one line to stdout.
    public func line(_ text: String = "") { print(text + "\n") }

    /// Writes one line to stderr.
    public func message(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        try? writeErr(text + "\n")
    }

    /// Writes raw text to stderr (for progress bars that redraw with `\r`).
    public func progress(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        try? writeErr(text)
    }
}

/// Text a capturing console received.
public final class CapturedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""
    func append(out: String) { lock.lock(); outText += out; lock.unlock() }
    func append(err: String) { lock.lock(); errText += err; lock.unlock() }
    public var stdout: String { lock.lock(); defer { lock.unlock() }; return outText }
    public var stderr: String { lock.lock(); defer { lock.unlock() }; return errText }
}

/// A write to a standard stream that failed.
struct StreamWriteError: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
