#pragma once
// Warnings from library code: something was repaired, skipped or could not be kept, and the map is still
// drawn. Library code never prints; it reports here, and app/ decides where the lines go (stderr by default).
#include <functional>
#include <string>

namespace covermap {

using WarningSink = std::function<void(const std::string& message)>;

// Replaces where warnings go (an empty sink restores the default, "warning: <message>" on stderr); returns
// the sink it replaces. Thread-safe.
WarningSink set_warning_sink(WarningSink sink);

// Reports one warning. Thread-safe: workers may warn.
void warn(const std::string& message);

// Reports `message` the first time `key` is warned about in this process; later calls with the same key are
// dropped (a cache that cannot be written is said once, not once per map).
void warn_once(const std::string& key, const std::string& message);

}  // namespace covermap
