#pragma once

// A QR code of a short text (the otpauth:// URL) as a PNG, via libqrencode and Png.h.

#include "oidc/Result.h"

#include <string>
#include <string_view>
#include <vector>

namespace sandbox::auth {

struct QrPngOptions final {
    int targetPixels = 200;   // the module size is chosen so the image is close to this, at least 1 px
    int quietZoneModules = 4; // ISO/IEC 18004 §7.3.7: a 4-module light margin
};

// The module matrix: `size` × `size`, true = dark. For tests and for drawing elsewhere.
struct QrMatrix final {
    int size = 0;
    std::vector<bool> dark; // row-major
    [[nodiscard]] bool at(int x, int y) const { return dark[static_cast<size_t>(y) * static_cast<size_t>(size) + static_cast<size_t>(x)]; }
};

// Error correction level M, 8-bit mode, the smallest version that fits. Errors (SANDBOX):
// QR_TOO_LONG (over 2048 bytes), QR_ENCODE (libqrencode failed).
[[nodiscard]] oidc::Result<QrMatrix> encodeQr(std::string_view text);

// encodeQr, then a greyscale PNG with the quiet zone, each module scaled to a square of pixels.
[[nodiscard]] oidc::Result<std::string> qrCodePng(std::string_view text, const QrPngOptions &options = {});

} // namespace sandbox::auth
