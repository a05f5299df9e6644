#pragma once

// One HAR 1.2 entry (log.entries[i]) as the analyzer reads it: the request, the response and
// their times, bodies as text. Built by HarReader from a file, or straight from the exchange
// log's records (fromExchangeRecord) so a live log and its export analyse the same.

#include "oidc/net/ExchangeLog.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oidc::har {

using HarHeaders = std::vector<std::pair<std::string, std::string>>;

struct HarEntry final {
    int index = 0;                       // 0-based position in log.entries
    std::string startedDateTime;         // "startedDateTime" (ISO 8601), as written
    std::optional<int64_t> startedMs;    // the same in milliseconds since the epoch, when it parses
    double timeMs = 0;                   // "time": the whole exchange, milliseconds
    std::string method;                  // request.method
    std::string url;                     // request.url (a browser leaves out the fragment)
    HarHeaders requestHeaders;           // request.headers
    std::string requestMimeType;         // request.postData.mimeType
    std::string requestBody;             // request.postData.text
    bool requestBodyTruncated = false;   // longer than HarReadOptions::maxBodyBytes: the head is kept
    int status = 0;                      // response.status; 0 when no response arrived
    std::string statusText;              // response.statusText
    HarHeaders responseHeaders;          // response.headers
    std::string responseMimeType;        // response.content.mimeType
    std::string responseBody;            // response.content.text (base64 decoded)
    bool responseBodyTruncated = false;
    int64_t responseSize = -1;           // response.content.size; -1 when unknown

    // Case-insensitive, first match; empty when absent.
    [[nodiscard]] std::string requestHeader(std::string_view name) const;
    [[nodiscard]] std::string responseHeader(std::string_view name) const;
};

// The raw record (nothing redacted: the analyzer keeps its findings redacted itself).
[[nodiscard]] HarEntry fromExchangeRecord(const net::ExchangeRecord &record, int index);

// RFC 3339 / ISO 8601 with optional milliseconds and offset → milliseconds since the epoch.
[[nodiscard]] std::optional<int64_t> parseIsoMs(std::string_view text);

} // namespace oidc::har
