// Times for people (oidc/HumanTime.h).

#include "SpecVectors.h"

#include "oidc/HumanTime.h"

#include <limits>

namespace oidc {
namespace {

OIDCPLAY_PRINT_ROW_BY_NAME(DurationRow)

struct DurationRow {
    const char *name;
    int64_t seconds;
    const char *text;
};

class Durations : public ::testing::TestWithParam<DurationRow> {};

TEST_P(Durations, LargestTwoUnits)
{
    EXPECT_EQ(formatDuration(GetParam().seconds), GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, Durations,
    ::testing::Values(DurationRow{"zero", 0, "0 s"}, DurationRow{"s_1", 1, "1 s"}, DurationRow{"s_59", 59, "59 s"},
                      DurationRow{"min_1", 60, "1 min"}, DurationRow{"min_4_s_12", 252, "4 min 12 s"},
                      DurationRow{"h_1", 3600, "1 h"}, DurationRow{"h_1_min_1", 3660, "1 h 1 min"},
                      DurationRow{"h_1_s_1_drops_seconds", 3601, "1 h"}, DurationRow{"h_23_min_59", 86399, "23 h 59 min"},
                      DurationRow{"d_1", 86400, "1 d"}, DurationRow{"d_3_h_4", 3 * 86400 + 4 * 3600 + 59, "3 d 4 h"},
                      DurationRow{"y_2_d_10", 2 * 365 * 86400 + 10 * 86400, "2 y 10 d"},
                      DurationRow{"negative", -252, "4 min 12 s"},
                      DurationRow{"int64_min", std::numeric_limits<int64_t>::min(), "292471208677 y 195 d"},
                      DurationRow{"int64_max", std::numeric_limits<int64_t>::max(), "292471208677 y 195 d"}),
    test::RowName{});

TEST(HumanTime, Relative)
{
    EXPECT_EQ(formatRelative(1000, 1000), "now");
    EXPECT_EQ(formatRelative(1252, 1000), "in 4 min 12 s");
    EXPECT_EQ(formatRelative(748, 1000), "4 min 12 s ago");
    EXPECT_EQ(formatRelative(1000 + 3 * 86400 + 4 * 3600, 1000), "in 3 d 4 h");
    EXPECT_EQ(formatRelative(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()), "584942417355 y 26 d ago"); // 2^64 - 1 s
}

TEST(HumanTime, Utc)
{
    EXPECT_EQ(formatUtc(0), "1970-01-01 00:00:00 UTC");
    EXPECT_EQ(formatUtc(1300819380), "2011-03-22 18:43:00 UTC");
    EXPECT_EQ(formatUtc(1700000000), "2023-11-14 22:13:20 UTC");
}

TEST(HumanTime, LocalNamesTheZone)
{
    const std::string text = formatLocal(1700000000);
    EXPECT_EQ(text.size() > 20, true) << text;
    EXPECT_EQ(text.substr(0, 4) == "2023", true) << text;
}

} // namespace
} // namespace oidc
