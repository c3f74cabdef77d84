import Foundation

/// Where a command's output goes: tables to `out`, progress and messages to `err`.
///
/// The real program writes to stdout and stderr; tests capture both.
public final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private let writeOut: (String) -> Void
    private let writeErr: (String) -> Void
    /// Whether stderr is a terminal (progress bars are drawn only then).
    public let interactive: Bool

    public init(out: @escaping (String) -> Void, err: @escaping (String) -> Void, interactive: Bool = false) {
        writeOut = out
        writeErr = err
        self.interactive = interactive
    }

    /// The process's standard streams.
    public static func standard() -> Console {
        Console(
            out: { FileHandle.standardOutput.write(Data($0.utf8)) },
            err: { FileHandle.standardError.write(Data($0.utf8)) },
            interactive: isatty(2) != 0)
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
        writeOut(text)
    }

    /// Writes one line to stdout.
    public func line(_ text: String = "") { print(text + "\n") }

    /// Writes one line to stderr.
    public func message(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        writeErr(text + "\n")
    }

    /// Writes raw text to stderr (for progress bars that redraw with `\r`).
    public func progress(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        writeErr(text)
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
