// Writes Sources/KalcGo/Unicode/GoUnicodeTables.swift from the unicode package of the Go
// that runs it: the general categories, scripts and case-folding tables Go's regexp package
// matches `\p{...}` classes and `(?i)` against.
//
// Usage: go run scripts/generate-go-unicode-tables.go > Sources/KalcGo/Unicode/GoUnicodeTables.swift
// The checked-in file comes from Go 1.19 (Unicode 13.0.0), the Go that builds the reference.
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
	"unicode"
)

// encode writes a table as space-separated hexadecimal `lo-hi/stride` ranges, in the
// table's own order (16-bit ranges, then 32-bit ones); stride 1 and single code points short.
func encode(table *unicode.RangeTable) string {
	var parts []string
	add := func(lo, hi, stride uint32) {
		switch {
		case lo == hi:
			parts = append(parts, fmt.Sprintf("%x", lo))
		case stride == 1:
			parts = append(parts, fmt.Sprintf("%x-%x", lo, hi))
		default:
			parts = append(parts, fmt.Sprintf("%x-%x/%x", lo, hi, stride))
		}
	}
	for _, r := range table.R16 {
		add(uint32(r.Lo), uint32(r.Hi), uint32(r.Stride))
	}
	for _, r := range table.R32 {
		add(r.Lo, r.Hi, r.Stride)
	}
	return strings.Join(parts, " ")
}

func dictionary(b *strings.Builder, doc, name string, tables map[string]*unicode.RangeTable) {
	names := make([]string, 0, len(tables))
	for n := range tables {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintf(b, "    /// %s\n    static let %s: [String: String] = [\n", doc, name)
	for _, n := range names {
		fmt.Fprintf(b, "        %q: %q,\n", n, encode(tables[n]))
	}
	b.WriteString("    ]\n")
}

func main() {
	version := strings.TrimPrefix(runtime.Version(), "go")
	if parts := strings.Split(version, "."); len(parts) > 2 {
		version = parts[0] + "." + parts[1]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "// Generated from Go %s's unicode package (Unicode %s) by scripts/generate-go-unicode-tables.go.\n", version, unicode.Version)
	b.WriteString("// Each table is a space-separated list of hexadecimal `lo-hi/stride` ranges (stride 1 and\n")
	b.WriteString("// single code points are written short).\n\n")
	b.WriteString("/// The Unicode tables Go's regexp package matches `\\p{...}` classes and `(?i)` against.\n")
	b.WriteString("enum GoUnicodeTables {\n")
	b.WriteString("    /// The Unicode version of the tables.\n")
	fmt.Fprintf(&b, "    static let version = %q\n\n", unicode.Version)
	dictionary(&b, "General categories by name (`L`, `Lu`, ...).", "categories", unicode.Categories)
	b.WriteString("\n")
	dictionary(&b, "Scripts by name (`Greek`, `Han`, ...).", "scripts", unicode.Scripts)
	b.WriteString("\n")
	dictionary(&b, "Code points outside each category that fold into it.", "foldCategories", unicode.FoldCategory)
	b.WriteString("\n")
	dictionary(&b, "Code points outside each script that fold into it.", "foldScripts", unicode.FoldScript)
	b.WriteString("\n")
	var folds []string
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if next := unicode.SimpleFold(r); next != r {
			folds = append(folds, fmt.Sprintf("%x:%x", r, next))
		}
	}
	b.WriteString("    /// `unicode.SimpleFold` as `rune:next` pairs for every rune whose orbit is not itself.\n")
	fmt.Fprintf(&b, "    static let simpleFold = %q\n", strings.Join(folds, " "))
	b.WriteString("}\n")
	os.Stdout.WriteString(b.String())
}
