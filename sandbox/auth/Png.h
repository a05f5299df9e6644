#pragma once

// A minimal PNG encoder (ISO/IEC 15948, W3C PNG 2nd ed.) for 8-bit greyscale images: enough for
// the TOTP QR code without pulling Qt Gui into the sandbox. zlib does the deflate and the CRCs.

#include "oidc/Result.h"

#include <string>
#include <string_view>

namespace sandbox::auth {

// `pixels` holds width × height bytes, row by row, 0 = black … 255 = white.
// Errors (SANDBOX): PNG_SIZE (dimensions 1…4096 and pixels.size() must agree), PNG_DEFLATE.
[[nodiscard]] oidc::Result<std::string> encodeGreyscalePng(int width, int height, std::string_view pixels);

} // namespace sandbox::auth
