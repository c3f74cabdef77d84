import Foundation

/// Checks made before a command writes anything: an output never replaces one of the command's
/// inputs, and no file is named twice as an output.
enum OutputSafety {
    /// Throws a usage error (exit code 2, nothing written) when an output is the same file as an
    /// input (same device and inode, or the same path once `.` and `..` are resolved) or when two
    /// outputs are the same file. Paths are shown as the user typed them.
    static func check(outputs: [(option: String, path: String)], inputs: [String]) throws(UsageError) {
        for (i, output) in outputs.enumerated() {
            for input in inputs where sameFile(output.path, input) {
                throw UsageError("\(output.option) \(output.path) is an input of this command (\(input)): expected a new file name, so the input is not replaced")
            }
            for other in outputs[..<i] where sameFile(output.path, other.path) {
                throw UsageError("\(output.option) \(output.path) is also named by \(other.option): expected a different file for each output")
            }
        }
    }

    /// Whether two paths name the same file (existing or not).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat()
        var sb = stat()
        if stat(a, &sa) == 0, stat(b, &sb) == 0 { return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino }
        return canonical(a) == canonical(b)
    }

    /// The absolute path with symbolic links of existing parents resolved.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
