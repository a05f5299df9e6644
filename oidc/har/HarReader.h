#pragma once

// Reading a HAR 1.2 file (a browser's export, or ours) entry by entry. The file is parsed as a
// stream (nlohmann's SAX interface over a 1 MiB read buffer): only one entry's JSON exists at a
// time, and each is handed to the caller as a HarEntry before the next is read, so a file of
// hundreds of megabytes never sits in memory whole, let alone as a DOM. Bodies longer than
// maxBodyBytes keep their head only (HarEntry::…Truncated): no OAuth message is that long.
//
// Errors (INPUT): HAR_FILE_UNREADABLE (missing, a directory, no permission), HAR_TOO_LARGE
// (file over maxFileBytes), HAR_SYNTAX (not JSON; the message has the byte offset), HAR_SHAPE
// (JSON, but no log.entries array, or an entry that is not an object), HAR_TOO_DEEP,
// HAR_TOO_MANY_ENTRIES, HAR_CANCELLED (the progress callback said stop).

#include "oidc/Result.h"
#include "oidc/har/HarEntry.h"

#include <QIODevice>
#include <QString>

#include <cstdint>
#include <functional>
#include <string>

namespace oidc::har {

struct HarReadOptions final {
    int64_t maxFileBytes = int64_t(4) << 30; // 4 GiB
    size_t maxBodyBytes = 1 << 20;          // per body kept; the rest is dropped and flagged
    int maxEntries = 1'000'000;
    int maxDepth = 128;
    // Called after every read chunk with the bytes read so far and the total (-1 unknown);
    // returning false cancels the read (HAR_CANCELLED). May be empty.
    std::function<bool(int64_t done, int64_t total)> progress;
};

struct HarLogInfo final {
    std::string version;        // log.version ("1.2")
    std::string creatorName;    // log.creator.name
    std::string creatorVersion; // log.creator.version
    int entryCount = 0;
    int64_t bytes = 0;          // bytes read
};

class HarReader final {
public:
    using EntrySink = std::function<void(HarEntry &&entry)>;

    // Reads `device` (opened for reading) to its end, calling `sink` for every entry in order.
    [[nodiscard]] static Result<HarLogInfo> read(QIODevice &device, const EntrySink &sink, const HarReadOptions &options = {});
    // Opens the file and reads it.
    [[nodiscard]] static Result<HarLogInfo> readFile(const QString &path, const EntrySink &sink, const HarReadOptions &options = {});
};

} // namespace oidc::har
