/// Pieces of hand-written JSON: writers build their documents in a fixed key order with fixed
/// decimals, so the same results always give the same bytes.
package enum JSONText {
    /// `s` as a JSON string literal: quotes, backslashes and control characters escaped. With
    /// `insideHTMLScript`, also `<`, `>`, `&`, U+2028 and U+2029, so that the literal can stand
    /// inside an HTML `<script>` element (no `</script>`, no line separators).
    package static func quote(_ s: String, insideHTMLScript: Bool = false) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let htmlUnsafe = insideHTMLScript && (scalar == "<" || scalar == ">" || scalar == "&" || scalar.value == 0x2028 || scalar.value == 0x2029)
                if scalar.value < 0x20 || htmlUnsafe {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
