// The owner of a precompiled header (cmake/OidcplayPch.cmake) compiles this empty file.
