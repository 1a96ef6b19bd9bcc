import Foundation
import KalcJSON
import XCTest
import KalcGo
@testable import KalcJSONSchema

/// Checks the Go ports against outputs recorded from Go 1.19 itself: formats (gojsonschema's
/// checkers), JSON parsing (`encoding/json`) and number handling (`math/big`, `float64`
/// round trips).
final class GoReferenceFixtureTests: XCTestCase {
    private struct FormatRecord: Decodable {
        let format: String
        let valid: [String]
        let invalid: [String]
    }

    func testFormatsMatchGojsonschema() throws {
        let records = try Fixtures.decode([FormatRecord].self, "gojsonschema-formats.json")
        var failures: [String] = []
        for record in records {
            for value in record.valid where !FormatCheckers.isValid(value, format: record.format) {
                failures.append("\(record.format): \(value.debugDescription) should be valid")
            }
            for value in record.invalid where FormatCheckers.isValid(value, format: record.format) {
                failures.append("\(record.format): \(value.debugDescription) should be invalid")
            }
        }
        XCTAssertTrue(failures.isEmpty, failures.joined(separator: "\n"))
    }

    private struct ParseRecord: Decodable {
        let input: String
        let decoder: String
        let unmarshal: String
        let offset: Int
        let canonical: String?
    }

    func testJSONParsingMatchesGo() throws {
        let records = try Fixtures.decode([ParseRecord].self, "go-json-parse.json")
        let generated = [
            String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
            String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
            String(repeating: "[", count: 10_001) + String(repeating: "]", count: 10_001),
            String(repeating: #"{"a":"#, count: 10_001) + "1" + String(repeating: "}", count: 10_001),
        ]
        var failures: [String] = []
        var generatedIndex = 0
        for record in records {
            var input = record.input
            if input.isEmpty && record.decoder != "EOF" {
                input = generated[generatedIndex]
                generatedIndex += 1
            }
            let label = input.count > 60 ? "\(input.prefix(20))… (\(input.utf8.count) bytes)" : input.debugDescription
            do {
                let value = try JSONParser.parse(input)
                // Numbers stay exact decimal text, as with UseNumber, so float64 range errors do not apply.
                if record.unmarshal != "ok" && !record.unmarshal.hasPrefix("json: cannot unmarshal number") {
                    failures.append("\(label): Go's Unmarshal fails (\(record.unmarshal)), kalc accepts")
                }
                _ = value
            } catch {
                if error.message != record.unmarshal || error.offset != record.offset {
                    failures.append("\(label): Unmarshal says \(record.unmarshal) at \(record.offset), kalc \(error.message) at \(error.offset)")
                }
            }
            do {
                let value = try JSONParser.parseFirstValue(input)
                if record.decoder != "ok" {
                    failures.append("\(label): Go's Decoder fails (\(record.decoder)), kalc accepts")
                } else if let canonical = record.canonical, !canonical.isEmpty {
                    if (try? JSONParser.parse(canonical)) != value {
                        failures.append("\(label): Go decodes to \(canonical), kalc to \(Fixtures.text(value))")
                    }
                }
            } catch {
                if error.message != record.decoder { failures.append("\(label): Decoder says \(record.decoder), kalc \(error.message)") }
            }
        }
        XCTAssertTrue(failures.isEmpty, failures.joined(separator: "\n"))
    }

    private struct NumberRecord: Decodable {
        let number: String
        let ratOK: Bool
        let isInteger: Bool
        let display: String?
        let canonical: String
        let multipleOf: [Bool]?
    }

    func testNumbersMatchGo() throws {
        let records = try Fixtures.decode([NumberRecord].self, "go-numbers.json")
        let divisors = ["1", "2", "0.1", "0.01", "0.0001", "3", "1.5", "1e-8", "7", "1e10"].compactMap { JSONNumber($0)?.decimal }
        var failures: [String] = []
        for record in records {
            guard let number = JSONNumber(record.number) else {
                failures.append("\(record.number) is not read as a number")
                continue
            }
            let decimal = number.decimal
            if decimal.isRationalRepresentable != record.ratOK { failures.append("\(record.number): big.Rat acceptance \(record.ratOK)") }
            if record.ratOK && decimal.isInteger != record.isInteger { failures.append("\(record.number): integer \(record.isInteger)") }
            if let display = record.display, GoNumberText.bigFloatDisplay(decimal) != display {
                failures.append("\(record.number): Go displays \(display), kalc \(GoNumberText.bigFloatDisplay(decimal))")
            }
            let canonical: String
            switch GoNumberText.canonicalFloat64(number) {
            case .success(let text): canonical = text
            case .failure(let error): canonical = "error: " + error.message
            }
            if canonical != record.canonical { failures.append("\(record.number): Go's float64 text \(record.canonical), kalc \(canonical)") }
            for (index, expected) in (record.multipleOf ?? []).enumerated() where decimal.isMultiple(of: divisors[index]) != expected {
                failures.append("\(record.number) multiple of \(divisors[index]): Go says \(expected)")
            }
        }
        XCTAssertTrue(failures.isEmpty, failures.joined(separator: "\n"))
    }

    private struct URLRecord: Decodable {
        let input: String
        let base: String?
        let text: String?
        let error: String?
    }

    func testURLsMatchGo() throws {
        let records = try Fixtures.decode([URLRecord].self, "go-url.json")
        var failures: [String] = []
        for record in records {
            if let base = record.base {
                guard var baseURL = try? GoURL.parse(base), let reference = try? GoURL.parse(record.input) else {
                    failures.append("\(base) + \(record.input): kalc cannot parse")
                    continue
                }
                baseURL.fragment = []
                let resolved = baseURL.resolving(reference).text
                if resolved != (record.text ?? "") { failures.append("\(base) + \(record.input): Go \(record.text ?? ""), kalc \(resolved)") }
                continue
            }
            do {
                let reference = try GoJSONReference(record.input)
                if let error = record.error {
                    failures.append("\(record.input): Go fails (\(error)), kalc gives \(reference.text)")
                } else if reference.text != (record.text ?? "") {
                    failures.append("\(record.input): Go \(record.text ?? ""), kalc \(reference.text)")
                }
            } catch {
                if error.message != record.error { failures.append("\(record.input): Go \(record.error ?? "accepts"), kalc \(error.message)") }
            }
        }
        XCTAssertTrue(failures.isEmpty, failures.joined(separator: "\n"))
    }
}
