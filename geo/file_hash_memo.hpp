#pragma once
// A local file's content hash, kept in the cache folder under the file's identity, so that a run whose
// boundaries have not changed does not read them whole to find its cache entries (33 MB of China's
// counties: 9 ms of a 50 ms run; a national dataset of 500 MB: a tenth of a second or more).
#include <chrono>
#include <string>

namespace covermap::geo {

// geo::ContentHash().add_file(file).hex(), from the memo in `cache_directory` when the file's device, inode,
// size and modification and change times are those recorded with it. A change time cannot be set back by
// any program, so a file written since, even to the same size with its old modification time restored,
// is read again. A file changed less than `settle` before it was read is not recorded: a write in the same
// clock tick as the recorded change time could not be told apart (as ccache's direct mode and git's index
// treat "racily clean" files), and 5 s is more than the coarsest clock of a file system a user may hand us
// (FAT's 2 s). Empty `cache_directory`: always read. Throws InputError naming the file if it cannot be read;
// a memo that cannot be written only costs the next run the read.
std::string memoised_file_hash(const std::string& file, const std::string& cache_directory,
                               std::chrono::nanoseconds settle = std::chrono::seconds(5));

}  // namespace covermap::geo
