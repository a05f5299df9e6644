// The owner of a precompiled header (cmake/OidcplayPch.cmake): it compiles nothing else.
