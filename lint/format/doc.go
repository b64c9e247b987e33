// Package format renders grantguard findings for people and machines.
//
// Detection and presentation are separate: every writer takes the rule
// catalogue (for rule metadata and docs links) and the findings the engine
// produced, already sorted, with their effective severity, and with Message
// and Source already redacted. Writers print nothing else that could carry a
// secret.
//
// The formats, one file each:
//
//   - text: one `path:line:col: severity rule-id: message` line per finding,
//     the offending source line and a caret under the column, then a summary
//     line; nothing at all when there are no findings.
//   - json: a stable document {"version", "findings": [...]} for scripts.
//   - github: GitHub Actions workflow commands (::error, ::warning, ::notice)
//     that become annotations on the pull request.
//   - sarif: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers,
//     with every catalogue rule in tool.driver.rules and GitHub's upload
//     limits enforced.
//
// Lookup maps a --format name to its Writer; Names lists them for help text.
package format
