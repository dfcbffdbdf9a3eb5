#pragma once
// The readers under fuzzing take paths, as covermap's users give them: each input is written to a file in a
// folder of this process's own, under the name (and so the extension) the reader keys on.
#include <cstddef>
#include <cstdint>
#include <string>

namespace covermap::fuzz {

// Writes the bytes to `name` in the process's scratch folder (in /dev/shm when there is one; made on first
// use, removed at exit); returns the file's path.
std::string write_input(const std::uint8_t* data, std::size_t size, const std::string& name);

}  // namespace covermap::fuzz
