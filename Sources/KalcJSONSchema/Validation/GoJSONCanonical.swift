import KalcJSON

/// gojsonschema's `marshalWithoutNumber`: a value encoded by Go's `json.Marshal` after a
/// round trip through `interface{}` with `float64` numbers. `enum`, `const` and
/// `uniqueItems` compare these texts, and messages quote them.
enum GoJSONCanonical {
    /// Why a value has no such text: a number beyond `float64`.
    struct Failure: Error {
        let message: String
    }

    /// The canonical text of a value (built without recursion, so any nesting depth is safe).
    static func text(of value: JSONValue) throws(Failure) -> String {
        enum Step {
            case value(JSONValue)
            case literal(String)
        }
        var out = ""
        var work: [Step] = [.value(value)]
        while let step = work.popLast() {
            switch step {
            case .literal(let text):
                out += text
            case .value(.null):
                out += "null"
            case .value(.bool(let flag)):
                out += flag ? "true" : "false"
            case .value(.number(let number)):
                switch GoNumberText.canonicalFloat64(number) {
                case .success(let text): out += text
                case .failure(let error): throw Failure(message: error.message)
                }
            case .value(.string(let text)):
                appendString(text, to: &out)
            case .value(.array(let elements)):
                var steps: [Step] = [.literal("[")]
                for (index, element) in elements.enumerated() {
                    if index > 0 { steps.append(.literal(",")) }
                    steps.append(.value(element))
                }
                steps.append(.literal("]"))
                work.append(contentsOf: steps.reversed())
            case .value(.object(let object)):
                // encoding/json sorts map keys bytewise.
                let keys = object.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                var steps: [Step] = [.literal("{")]
                for (index, key) in keys.enumerated() {
                    var name = index > 0 ? "," : ""
                    appendString(key, to: &name)
                    steps.append(.literal(name + ":"))
                    if let member = object[key] { steps.append(.value(member)) }
                }
                steps.append(.literal("}"))
                work.append(contentsOf: steps.reversed())
            }
        }
        return out
    }

    /// A string as `json.Marshal` writes it: HTML-safe (`<`, `>`, `&` escaped), U+2028 and
    /// U+2029 escaped, control characters as `\n`, `\r`, `\t` or `\u00XX`.
    static func appendString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += "\\u" + hex4(scalar.value)
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// Four lower-case hexadecimal digits, as `json.Marshal` writes `\u` escapes.
    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
