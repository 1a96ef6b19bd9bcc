import Foundation
import KalcDiagnostics
import KalcSemantics
import KalcSyntax

/// A declaration whose body holds a position: the context completion works in.
struct EnclosingDeclaration {
    var keyword: Keyword
    var name: String?
    var syntax: DeclarationSyntax
}

extension SyntaxTree {
    /// The declarations whose bodies hold `offset`, outermost first. A body that is never
    /// closed (the user is typing in it) holds everything to the end of the file.
    func enclosingDeclarations(at offset: Int) -> [EnclosingDeclaration] {
        var chain: [EnclosingDeclaration] = []
        var items = self.items
        while let next = items.lazy.compactMap(DeclarationSyntax.init).first(where: { bodyHolds($0.body, offset) }) {
            guard let keyword = keyword(next.keyword) else { break }
            chain.append(EnclosingDeclaration(keyword: keyword, name: next.name.map(value), syntax: next))
            items = next.items
        }
        return chain
    }

    private func bodyHolds(_ body: SyntaxNode?, _ offset: Int) -> Bool {
        guard let body, let opening = body.significantTokens.first, opening.kind == .leftBrace else { return false }
        guard offset >= opening.span.end else { return false }
        if let closing = body.significantTokens.last, closing.kind == .rightBrace, body.significantTokens.count > 1 {
            return offset <= closing.span.start
        }
        return true
    }

    /// The significant tokens of the file, in order.
    func significantTokens() -> [Token] {
        root.allTokens().filter { !$0.kind.isTrivia && $0.kind != .endOfFile }
    }

    /// The start of the word that ends at `offset` (the part of a name typed so far).
    func wordStart(before offset: Int) -> Int {
        var start = min(max(offset, 0), file.bytes.count)
        while start > 0, Self.isWordByte(file.bytes[start - 1]) { start -= 1 }
        return start
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }
}

extension EnclosingDeclaration {
    /// The branch that declarations at this place belong to.
    static func branch(of chain: [EnclosingDeclaration]) -> Branch {
        if let environment = chain.first(where: { $0.keyword == .environment }), let name = environment.name {
            return .environment(name)
        }
        return .main
    }
}

/// Markdown helpers for hovers.
enum Markdown {
    /// Inline code, with a fence long enough for backticks inside.
    static func code(_ text: String) -> String {
        let fence = text.contains("`") ? "``" : "`"
        let padding = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + padding + text + padding + fence
    }

    /// `key: value` pairs as inline code, joined by commas.
    static func labels(_ labels: Labels) -> String {
        labels.entries.map { code("\($0.key.value): \($0.value.value)") }.joined(separator: ", ")
    }

    /// A number of things: `1 policy`, `2 policies`.
    static func count(_ number: Int, _ singular: String, plural: String? = nil) -> String {
        "\(number) " + (number == 1 ? singular : plural ?? singular + "s")
    }

    /// The hover's text for a client that shows plain text: the text of code spans as it is,
    /// and the emphasis marks outside them left out.
    static func plainText(_ markdown: String) -> String {
        var result = ""
        var rest = Substring(markdown)
        while let tick = rest.firstIndex(of: "`") {
            result += rest[..<tick].replacingOccurrences(of: "**", with: "")
            let fence = rest[tick...].prefix { $0 == "`" }
            let afterFence = rest[fence.endIndex...]
            guard let close = afterFence.range(of: String(fence)) else {
                rest = afterFence
                result += fence
                continue
            }
            var code = afterFence[..<close.lowerBound]
            // As CommonMark reads a code span: one space each side is padding.
            if code.count >= 2, code.hasPrefix(" "), code.hasSuffix(" "), code.contains(where: { $0 != " " }) {
                code = code.dropFirst().dropLast()
            }
            result += code
            rest = afterFence[close.upperBound...]
        }
        return result + rest.replacingOccurrences(of: "**", with: "")
    }

    /// Lists in hovers stop after this many entries.
    static let listLimit = 20

    /// A list of names as inline code, or `none`; a long list is cut short.
    static func names(_ names: [String]) -> String {
        list(names.map(code))
    }

    /// Entries joined by commas, or `none`; past `listLimit` entries, how many more there are.
    static func list(_ entries: [String]) -> String {
        guard !entries.isEmpty else { return "none" }
        let shown = entries.prefix(listLimit).joined(separator: ", ")
        return entries.count > listLimit ? shown + " and \(entries.count - listLimit) more" : shown
    }
}
