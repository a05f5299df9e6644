// oidcplay-launch PROGRAM [ARGS…]: runs PROGRAM with OIDCPLAY_LAUNCH_NS set to CLOCK_MONOTONIC
// nanoseconds taken just before exec, so the program can measure its start-up from that instant
// (date +%s%N is the realtime clock, which can jump; the monotonic clock cannot).

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <unistd.h>

int main(int argc, char *argv[])
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s PROGRAM [ARGS...]\n", argv[0]);
        return 2;
    }
    timespec now{};
    if (clock_gettime(CLOCK_MONOTONIC, &now) != 0) {
        std::perror("clock_gettime");
        return 1;
    }
    const long long ns = static_cast<long long>(now.tv_sec) * 1000000000LL + now.tv_nsec;
    if (setenv("OIDCPLAY_LAUNCH_NS", std::to_string(ns).c_str(), 1) != 0) {
        std::perror("setenv");
        return 1;
    }
    execvp(argv[1], argv + 1);
    std::fprintf(stderr, "%s: cannot run %s: %s\n", argv[0], argv[1], std::strerror(errno));
    return 127;
}
