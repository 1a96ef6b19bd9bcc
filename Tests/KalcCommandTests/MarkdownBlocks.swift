import Foundation
import KalcTestSupport

/// A fenced code block of a markdown file, with the section it stands in.
struct MarkdownBlock {
    /// The info string after the opening fence: `kal`, `yaml`, `console`, ...
    var language: String
    /// The lines between the fences, each ending in a line break.
    var content: String
    /// The line of the opening fence (1-based), for failure messages.
    var line: Int
    /// The text of the closest level-2 heading above the block (`K0101 — unknown template`).
    var section: String
}

/// The fenced code blocks of a markdown text, in order.
func fencedBlocks(in markdown: String) -> [MarkdownBlock] {
    var blocks: [MarkdownBlock] = []
    var section = ""
    var open: MarkdownBlock?
    for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if var block = open {
            if line == "```" {
                blocks.append(block)
                open = nil
            } else {
                block.content += line + "\n"
                open = block
            }
        } else if line.hasPrefix("```") {
            open = MarkdownBlock(language: String(line.dropFirst(3)), content: "", line: index + 1, section: section)
        } else if line.hasPrefix("## ") {
            section = String(line.dropFirst(3))
        }
    }
    return blocks
}

/// The text of a file of the repository.
func repositoryFile(_ relativePath: String) throws -> String {
    try String(contentsOfFile: repositoryRoot + "/" + relativePath, encoding: .utf8)
}
