// Every diagnostic code, by severity. docs/cli.md lists each with its meaning («Коды сообщений»);
// DiagnosticCodeTests fails, naming the difference, when these lists, docs/cli.md and the codes
// the sources use disagree.
extension Diagnostic {
    /// The code of every warning the program can give: what `warnings_as_errors:` in portal.yaml
    /// may name. Three codes are warnings or errors as the case may be (`form-rule` by the rule's
    /// `severity`, `form-template` and `legal-markup` by the markup problem) and are in both lists.
    public static let warningCodes: Set<String> = [
        "calendar-day", "calendar-missing-year", "commission-size", "economic-review", "form-rule", "form-template",
        "ignored-file", "late-publication", "legal-markup", "raw-html", "registry-stale", "registry-updated", "search-tool", "top-heading",
        "unknown-field", "unknown-key", "unresolved-reference",
    ]

    /// The code of every error the program can give: in `warnings_as_errors:` they change nothing.
    public static let errorCodes: Set<String> = [
        "above-max", "account-bik", "act-profile", "act-slot", "act-value-blank", "act-value-missing", "bad-choice", "bad-folder-name", "bad-name", "batch-name", "below-min",
        "calendar-year", "computed-status", "contest-application", "contest-commission", "contest-files",
        "contest-parameters", "contest-results", "contest-review", "contest-scores", "contest-tie", "control-character",
        "csv-cells", "csv-empty", "csv-header", "csv-quote", "data-file", "data-shape", "data-too-large",
        "duplicate-slug", "empty-file", "file-missing", "file-name", "file-unreadable", "form-computed",
        "form-definition", "form-duplicate", "form-each", "form-expression", "form-file", "form-id", "form-message",
        "form-path", "form-rule", "form-rules", "form-severity", "form-template", "form-template-format",
        "form-template-html", "form-template-list", "form-template-row", "front-matter-missing", "front-matter-shape",
        "front-matter-unclosed", "hyphenation-patterns", "intake-order", "json-duplicate-key", "json-syntax", "legal-markup", "missing-key",
        "missing-reference", "missing-required", "missing-table", "missing-template", "negative-amount", "no-content",
        "no-schema", "no-slug", "not-in-choices", "odt-failed", "parts-exceed-total", "pattern-mismatch",
        "property-scores", "raw-html-script", "reserved-name", "same-file", "schema-choices", "schema-duplicate-field",
        "schema-field", "schema-fields", "schema-pattern", "schema-registry", "schema-role", "schema-sort",
        "schema-subfields", "search-failed", "settings-shape", "slug-length", "symlink", "symlink-broken",
        "symlink-loop", "symlink-outside", "template-cycle", "template-delimiters", "template-missing-partial",
        "template-syntax", "template-unreadable", "term-base", "term-range", "too-few-items", "too-many-items",
        "unknown-code", "unknown-collection", "unknown-form", "unknown-section", "usage", "write-failed", "wrong-type",
        "yaml-duplicate-key", "yaml-encoding", "yaml-merge", "yaml-syntax",
    ]
}
