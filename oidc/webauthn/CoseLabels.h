#pragma once

// COSE_Key labels and key types (RFC 9052 §7.1; RFC 9053 §7.1.1, §7.2 and table 18; RFC 8230 §4),
// in one place for the codec (CoseKey.cpp) and the decoded view (CeremonyView.cpp). A label's
// meaning depends on the key type: -1 is crv for EC2/OKP but n for RSA, and so on.

#include <cstdint>

namespace oidc::webauthn::cose {

inline constexpr int64_t kLabelKty = 1;
inline constexpr int64_t kLabelKid = 2;
inline constexpr int64_t kLabelAlg = 3;
inline constexpr int64_t kLabelKeyOps = 4;
inline constexpr int64_t kLabelBaseIv = 5;
inline constexpr int64_t kLabelCrvOrN = -1; // EC2/OKP crv; RSA n
inline constexpr int64_t kLabelXOrE = -2;   // EC2/OKP x; RSA e
inline constexpr int64_t kLabelYOrD = -3;   // EC2 y; RSA d
inline constexpr int64_t kLabelEcD = -4;    // EC2/OKP d

inline constexpr int64_t kKtyOkp = 1;
inline constexpr int64_t kKtyEc2 = 2;
inline constexpr int64_t kKtyRsa = 3;

// Curves (RFC 9053 table 18).
inline constexpr int64_t kCrvP256 = 1;
inline constexpr int64_t kCrvP384 = 2;
inline constexpr int64_t kCrvP521 = 3;
inline constexpr int64_t kCrvEd25519 = 6;
inline constexpr int64_t kCrvEd448 = 7;

} // namespace oidc::webauthn::cose
