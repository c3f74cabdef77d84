import Foundation
import Interchange

/// Where a command's output goes: tables to `out`, progress and messages to `err`.
///
/// The real program writes to stdout and stderr; tests capture both. A failed write to stdout
/// (a full disk, a closed pipe) is remembered, and `hearth` then exits with code 1.
package final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private let writeOut: (String) throws -> Void
    private let writeErr: (String) throws -> Void
    /// Whether stderr is a terminal (progress bars are drawn only then).
    package let interactive: Bool

    /// A console over two writers; a write that throws to `out` is noted as `outputFailure`,
    /// one that throws to `err` is dropped (there is nowhere left to report it).
    package init(out: @escaping (String) throws -> Void, err: @escaping (String) throws -> Void, interactive: Bool = false) {
        writeOut = out
        writeErr = err
        self.interactive = interactive
    }

    /// The first failure to write to stdout (a full disk, a closed pipe), if any: the command
    /// then ends with exit code 1 and this message instead of trapping.
    package var outputFailure: String? {
        lock.lock(); defer { lock.unlock() }
        return failure
    }
    private var failure: String?

    /// The process's standard streams, written with `write(2)` so that a failed write (for
    /// example to `/dev/full` or a closed pipe) is reported rather than fatal. SIGPIPE is ignored
    /// so a closed pipe is an error to report, not a signal.
    package static func standard() -> Console {
        signal(SIGPIPE, SIG_IGN)
        return descriptors(out: 1, err: 2)
    }

    /// A console writing to open file descriptors (the standard streams, or files in tests).
    package static func descriptors(out: Int32, err: Int32) -> Console {
        Console(
            out: { text in if let reason = writeAll(out, text) { throw StreamWriteError(reason: reason) } },
            err: { text in _ = writeAll(err, text) },
            interactive: isatty(err) != 0)
    }

    /// A write to a stream that failed, with the system's reason.
    struct StreamWriteError: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    /// Writes all of `text` to `descriptor`; the system's reason on failure.
    static func writeAll(_ descriptor: Int32, _ text: String) -> String? {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { AtomicFile.systemWrite(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return AtomicFile.errorText()
            }
            offset += written
        }
        bytes.removeAll()
        return nil
    }

    /// A console that keeps everything written, for tests.
    package static func capturing() -> (Console, CapturedOutput) {
        let captured = CapturedOutput()
        let console = Console(out: { captured.append(out: $0) }, err: { captured.append(err: $0) })
        return (console, captured)
    }

    /// Writes text to stdout (no newline added).
    package func print(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        do { try writeOut(text) } catch {
            if failure == nil { failure = "cannot write to standard output: \(error)" }
        }
    }

    /// Writes one line to stdout.
    package func line(_ text: String = "") { print(text + "\n") }

    /// Writes one line to stderr, any character of it that would act on the terminal shown as
    /// an escape (`ControlCharacters.visible`): messages quote values as found in input files.
    package func message(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        try? writeErr(ControlCharacters.visible(text) + "\n")
    }

    /// Writes raw text to stderr (for progress bars that redraw with `\r`).
    package func progress(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        try? writeErr(text)
    }
}

/// Text a capturing console received.
package final class CapturedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""
    func append(out: String) { lock.lock(); outText += out; lock.unlock() }
    func append(err: String) { lock.lock(); errText += err; lock.unlock() }
    package var stdout: String { lock.lock(); defer { lock.unlock() }; return outText }
    package var stderr: String { lock.lock(); defer { lock.unlock() }; return errText }
}
