#pragma once

// The workspace file: readable, stable JSON for people to share and commit. Never a secret in it.
//
//   {"oidcplayWorkspace": 1,                        the format's version (required, first check)
//    "id": "<random>",                             names its secrets in the keychain (not a secret)
//    "name": "Acme",
//    "profiles": [<oidc::flow::profileToJson>…],    each with its flow settings; no clientSecret
//    "currentProfile": "<profile id>",
//    "presets": [{"name": "Force login", "parameters": [{"name": "prompt", "value": "login"}, …]}],
//    "variables": {"<profile id>": {"<name>": "<value>"}}}
//
// Reading is all or nothing: a file that is too large, not JSON, not a workspace, of a newer
// version or with one wrong member is refused with a categorised INPUT error and no Workspace,
// so whatever workspace is open stays as it was. Unknown members are ignored (a newer minor
// addition still opens). Error codes:
//   WORKSPACE_READ        the file cannot be opened or read (actual: the OS's reason)
//   WORKSPACE_TOO_LARGE   above kMaxWorkspaceBytes (checked before it is read)
//   WORKSPACE_NOT_JSON    strict JSON parsing failed (oidc/Json.h; the byte offset in the message)
//   WORKSPACE_NOT_A_WORKSPACE  no "oidcplayWorkspace" member (another JSON file)
//   WORKSPACE_VERSION     a version this build does not know (expected "1")
//   WORKSPACE_INVALID     a member of the wrong type, a duplicate profile id, variables for an
//                         unknown profile or a variable name that is not [A-Za-z_][A-Za-z0-9_]*
//                         or is a built-in (the message names the member)
//   PROFILE_JSON_INVALID  a profile's member (from profileFromJson, prefixed with its index)
//   WORKSPACE_WRITE       saving failed; the previous file is untouched (QSaveFile)

#include "oidc/Json.h"
#include "oidc/Result.h"
#include "oidc/workspace/Workspace.h"

#include <QByteArray>
#include <QString>

namespace oidc::workspace {

inline constexpr int kWorkspaceFormatVersion = 1;
// Profiles are a few hundred bytes each: 4 MiB is thousands of them, and bounds what a stray
// multi-gigabyte file could make us allocate.
inline constexpr qint64 kMaxWorkspaceBytes = 4 * 1024 * 1024;

[[nodiscard]] Json workspaceToJson(const Workspace &workspace);
[[nodiscard]] Result<Workspace> workspaceFromJson(const Json &json);

// The file's bytes: two-space indented, members sorted, a final newline (diffs stay small).
[[nodiscard]] QByteArray serializeWorkspace(const Workspace &workspace);
[[nodiscard]] Result<Workspace> parseWorkspace(const QByteArray &bytes);

[[nodiscard]] Result<Workspace> readWorkspaceFile(const QString &path);
// Written atomically (QSaveFile): a failed save leaves the previous file as it was.
[[nodiscard]] Status writeWorkspaceFile(const QString &path, const Workspace &workspace);

} // namespace oidc::workspace
