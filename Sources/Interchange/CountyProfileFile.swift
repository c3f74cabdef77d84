import Foundation
import Simulation

/// Reading a county profile from JSON: a scenario file's `county` object, or a bare profile.
public enum CountyProfileFile {
    /// The profile in the JSON file at `path`; keys left out keep the defaults.
    public static func read(path: String) throws(InvalidInput) -> CountyProfile {
        let bytes = try InputFile.bytes(at: path)
        let data = Data(bytes)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw InvalidInput([InputProblem(file: path, line: JSONLocation.line(of: error, in: bytes), message: "not valid JSON: \(JSONLocation.reason(error))")])
        }
        guard let top = object as? [String: Any] else {
            throw InvalidInput([InputProblem(file: path, line: 1, message: "expected a JSON object at the top level")])
        }
        let profileObject = (top["county"] as? [String: Any]) ?? top
        let prefix = top["county"] is [String: Any] ? "county." : ""
        let profile: CountyProfile
        do {
            let profileData = try JSONSerialization.data(withJSONObject: profileObject)
            profile = try JSONDecoder().decode(CountyProfile.self, from: profileData)
        } catch let error as DecodingError {
            let (field, message) = JSONLocation.describe(error)
            throw InvalidInput([InputProblem(file: path, line: JSONLocation.line(ofKey: field.split(separator: ".").last.map(String.init), in: bytes), field: prefix + field, message: "\(prefix + field): \(message)")])
        } catch {
            throw InvalidInput([InputProblem(file: path, line: nil, message: "\(error)")])
        }
        let problems = profile.validationProblems()
        guard problems.isEmpty else {
            throw InvalidInput(problems.map { p in
                InputProblem(file: path, line: JSONLocation.line(ofKey: String(p.field.split(separator: "[").first ?? ""), in: bytes), field: prefix + p.field, message: "\(prefix + p.field): \(p.message)")
            })
        }
        return profile
    }
}

/// Turning JSON decoding failures into a field path and a line number a person can find.
public enum JSONLocation {
    /// The dotted path and a plain-English message for a decoding error.
    public static func describe(_ error: DecodingError) -> (field: String, message: String) {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .typeMismatch(let type, let context):
            return (path(context.codingPath), "expected \(describe(type))")
        case .valueNotFound(let type, let context):
            return (path(context.codingPath), "expected \(describe(type)), found null")
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), "missing required field")
        case .dataCorrupted(let context):
            return (path(context.codingPath), context.debugDescription)
        @unknown default:
            return ("", "\(error)")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is String.Type: "text in quotes"
        case is Bool.Type: "true or false"
        default: "a value of type \(type)"
        }
    }

    /// The line of the first occurrence of `"key"` in the file (1 if not found).
    public static func line(ofKey key: String?, in bytes: [UInt8]) -> Int? {
        guard let key, !key.isEmpty else { return nil }
        let needle = Array("\"\(key)\"".utf8)
        guard needle.count <= bytes.count else { return nil }
        var line = 1
        var i = 0
        while i + needle.count <= bytes.count {
            if bytes[i] == 0x0A { line += 1 }
            if bytes[i] == needle[0] && Array(bytes[i..<(i + needle.count)]) == needle { return line }
            i += 1
        }
        return nil
    }

    /// The line of a JSONSerialization syntax error, from the character index it reports.
    static func line(of error: any Error, in bytes: [UInt8]) -> Int? {
        let info = (error as NSError).userInfo
        guard let index = info["NSJSONSerializationErrorIndex"] as? Int, index <= bytes.count else { return nil }
        return 1 + bytes[..<index].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    static func reason(_ error: any Error) -> String {
        let info = (error as NSError).userInfo
        return (info[NSDebugDescriptionErrorKey] as? String) ?? error.localizedDescription
    }
}
