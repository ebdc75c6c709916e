/** The VS Code-free validation core, shared by the language server, the CLI and the preview. */
export { validateText, isPayloadValue, type Diagnostic, type ValidateOptions, type ValidationResult } from './validate';
export { JsonDocument, toPointer, fromPointer, valueAtPath, type JsonPath, type Position, type Range } from './json-document';
export type { LocatedPath } from './offset-locator';
export type { DiagnosticData } from './report';
export { RULES, SOURCES, isRuleId, ruleDocUrl, type RuleId, type Severity } from './catalogue';
export { codePointLength, shortenText, removeEmoji, removeMarkdown, findMarkdown } from './text';
