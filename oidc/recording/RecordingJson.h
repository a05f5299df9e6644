#pragma once

// A Recording as JSON and as a file. The reader refuses, with an INPUT error naming what is
// wrong, and reads nothing half:
//   RECORDING_UNREADABLE  the file cannot be opened or read (actual: the system's reason)
//   RECORDING_TOO_LARGE   the file exceeds kMaxRecordingBytes, or a list its cap
//   RECORDING_NOT_JSON    the text is not one strict JSON object (the parser's message)
//   RECORDING_NOT_A_RECORDING  no "oidcplayRecording" member (another kind of JSON file)
//   RECORDING_VERSION     written by a newer version than this one reads (expected/actual)
//   RECORDING_INVALID     a member of the wrong type or out of range, named ("steps[3].checks[0].outcome")
//   RECORDING_WRITE       the file cannot be written (atomic, QSaveFile)

#include "oidc/Result.h"
#include "oidc/recording/Recording.h"

#include <QString>

namespace oidc::recording {

inline constexpr qint64 kMaxRecordingBytes = 64LL * 1024 * 1024; // the exchange log's 32 MiB of bodies, quoted, and the rest
inline constexpr size_t kMaxRecordedSteps = 2000;
inline constexpr size_t kMaxRecordedChecks = 200; // per step
inline constexpr size_t kMaxRecordedExchanges = 1000; // the exchange log's own cap

[[nodiscard]] Json recordingToJson(const Recording &recording);
[[nodiscard]] Result<Recording> recordingFromJson(const Json &json);

[[nodiscard]] Result<Recording> readRecordingFile(const QString &path);
// Written atomically; the text is the JSON indented by two spaces, so a recording diffs well.
[[nodiscard]] Status writeRecordingFile(const Recording &recording, const QString &path);

// `text` written to `path` atomically (QSaveFile); INPUT `code` naming `what` and the reason when
// it cannot be (the recording, the JUnit report).
[[nodiscard]] Status writeTextFileAtomically(const std::string &text, const QString &path, const std::string &code, const std::string &what);

} // namespace oidc::recording
