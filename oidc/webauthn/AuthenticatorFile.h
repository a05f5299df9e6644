#pragma once

// The software authenticator kept in a file the user chooses (`--authenticator FILE`): its
// settings and its credentials, the private keys inside as JWKs (RFC 7517), so the file is as
// secret as a private key and is treated like one:
// - it is written with mode 0600 into a temporary file beside it, synced, then renamed over the
//   old one (rename(2) is atomic): a crash leaves the old file or the new one, never half of one,
//   and the keys are never readable by others, not even for a moment;
// - loading refuses a file that group or others may read or write, or that another user owns,
//   the way ssh refuses an unprotected private key (the fix: chmod 600 FILE);
// - no error message quotes the file's content, and nothing here logs.
//
// The document (version 1; binary values base64url):
//   {"format": "oidcplay-software-authenticator", "version": 1,
//    "settings": {"algorithms": [-7, -8, -257], "attestation": "none" | "packed-self" | "packed-x5c",
//                 "aaguid": …, "userVerifying": true, "backupEligible": false, "backupState": false,
//                 "signCounter": true, "transports": ["internal"]},
//    "credentials": [{"id", "rpId", "userHandle", "userName", "algorithm", "privateJwk", "signCount"}]}
//
// Errors are INPUT (the file is what the user chose): AUTHENTICATOR_FILE_MISSING,
// AUTHENTICATOR_FILE_PERMISSIONS (expected/actual: the modes), AUTHENTICATOR_FILE_READ,
// AUTHENTICATOR_FILE_SIZE (over 1 MiB), AUTHENTICATOR_FILE_CORRUPT (not JSON, or ours but
// malformed), AUTHENTICATOR_FILE_FOREIGN (JSON of something else), AUTHENTICATOR_FILE_VERSION (a
// later version), AUTHENTICATOR_FILE_WRITE (the directory is missing or not writable, disk full).

#include "SoftwareAuthenticator.h"

#include "oidc/Json.h"
#include "oidc/Result.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace oidc::webauthn {

inline constexpr std::string_view kAuthenticatorFileFormat = "oidcplay-software-authenticator";
inline constexpr int kAuthenticatorFileVersion = 1;
inline constexpr size_t kMaxAuthenticatorFileBytes = 1024 * 1024;

// What loadAuthenticator does when the file does not exist.
enum class MissingFile {
    Refuse,     // AUTHENTICATOR_FILE_MISSING (signing in needs the credentials)
    StartEmpty, // a new authenticator with default settings (signing up creates the file)
};

struct LoadedAuthenticator final {
    SoftwareAuthenticator authenticator;
    bool created = false; // the file did not exist: nothing was read, saveAuthenticator creates it
};

[[nodiscard]] Result<LoadedAuthenticator> loadAuthenticator(const std::string &path, MissingFile missing);

// Writes the whole authenticator (after every ceremony: the counters change on each assertion).
[[nodiscard]] Status saveAuthenticator(const std::string &path, const SoftwareAuthenticator &authenticator);

// The document above, and back (the file's content without the file).
[[nodiscard]] Result<Json> authenticatorDocument(const SoftwareAuthenticator &authenticator);
[[nodiscard]] Result<SoftwareAuthenticator> authenticatorFromDocument(const Json &document);

} // namespace oidc::webauthn
