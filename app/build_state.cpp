#include "app/build_state.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "geo/atomic_output.hpp"
#include "geo/content_hash.hpp"
#include "geo/error.hpp"
#include "geo/warnings.hpp"

namespace covermap::app {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

constexpr int kStateFormat = 1;

std::string state_path(const std::string& project_path) {
  const fs::path project = fs::path(project_path);
  return (project.parent_path() / ("." + project.stem().string() + ".covermap-build.json")).string();
}

std::optional<WrittenFile> stat_file(const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return std::nullopt;
  WrittenFile file;
  file.folder = S_ISDIR(status.st_mode);
  file.size = file.folder ? 0 : static_cast<std::uint64_t>(status.st_size);
  file.mtime_ns = std::int64_t{status.st_mtim.tv_sec} * 1'000'000'000 + status.st_mtim.tv_nsec;
  return file;
}

std::string content_hash(const std::string& path) {
  geo::ContentHash hash;
  hash.add_file(path);
  return hash.hex();
}

Json to_json(const OutputRecord& record) {
  Json json;
  json["inputs"] = record.inputs;
  json["written"] = Json::array();
  for (const WrittenFile& file : record.written) {
    Json entry{{"path", file.path}, {"mtime_ns", file.mtime_ns}};
    if (file.folder) {
      entry["folder"] = true;
    } else {
      entry["size"] = file.size;
      entry["hash"] = file.hash;
    }
    json["written"].push_back(std::move(entry));
  }
  if (!record.classes.empty()) {
    json["classes"] = record.classes;
    Json fills = Json::array();
    for (const auto& fill : record.fills) fills.push_back(fill ? Json(fill->hex()) : Json());
    json["fills"] = std::move(fills);
  }
  return json;
}

OutputRecord from_json(const Json& json, const std::string& where) {
  OutputRecord record;
  record.inputs = json.at("inputs").get<InputHashes>();
  for (const Json& entry : json.at("written")) {
    WrittenFile file;
    file.path = entry.at("path").get<std::string>();
    file.mtime_ns = entry.at("mtime_ns").get<std::int64_t>();
    file.folder = entry.value("folder", false);
    if (!file.folder) {
      file.size = entry.at("size").get<std::uint64_t>();
      file.hash = entry.at("hash").get<std::string>();
    }
    record.written.push_back(std::move(file));
  }
  record.classes = json.value("classes", "");
  if (const auto fills = json.find("fills"); fills != json.end())
    for (const Json& fill : *fills)
      record.fills.push_back(
          fill.is_null() ? std::nullopt : std::optional(styles::parse_color(fill.get<std::string>(), where)));
  return record;
}

}  // namespace

BuildState::BuildState(const std::string& project_path)
    : folder_(fs::path(project_path).has_parent_path() ? fs::path(project_path).parent_path().string() : "."),
      path_(state_path(project_path)) {
  std::ifstream in(path_, std::ios::binary);
  if (!in) return;
  try {
    const Json json = Json::parse(in);
    if (json.at("format").get<int>() != kStateFormat) throw std::runtime_error("another format");
    for (const auto& [output, record] : json.at("outputs").items())
      outputs_[output] = from_json(record, path_);
  } catch (const std::exception& e) {
    outputs_.clear();
    warn(path_ + ": cannot be read (" + e.what() + "); every output is rebuilt");
  }
}

const OutputRecord* BuildState::find(const std::string& output) const {
  const auto it = outputs_.find(output);
  return it == outputs_.end() ? nullptr : &it->second;
}

void BuildState::set(const std::string& output, OutputRecord record) {
  outputs_[output] = std::move(record);
}

void BuildState::retain(const std::set<std::string>& outputs) {
  std::erase_if(outputs_, [&](const auto& entry) { return !outputs.count(entry.first); });
}

void BuildState::save() const {
  Json json;
  json["format"] = kStateFormat;
  json["outputs"] = Json::object();
  for (const auto& [output, record] : outputs_) json["outputs"][output] = to_json(record);
  // After Ctrl-C too: the outputs finished before it are recorded.
  geo::write_record_atomically(path_, json.dump(1) + "\n");
}

std::vector<WrittenFile> BuildState::stat_written(const std::vector<std::string>& paths) const {
  std::vector<WrittenFile> written;
  for (const std::string& path : paths) {
    WrittenFile file = stat_file(path).value_or(WrittenFile{});
    file.path = fs::absolute(path).lexically_normal().lexically_relative(fs::absolute(folder_)).string();
    if (!file.folder && file.mtime_ns != 0) file.hash = content_hash(path);
    written.push_back(std::move(file));
  }
  return written;
}

bool BuildState::still_written(const OutputRecord& record) const {
  if (record.written.empty()) return false;
  for (const WrittenFile& file : record.written) {
    const std::string path = (fs::path(folder_) / file.path).string();
    const std::optional<WrittenFile> now = stat_file(path);
    if (!now || now->folder != file.folder) return false;
    if (now->mtime_ns == file.mtime_ns && now->size == file.size) continue;
    if (file.folder || now->size != file.size || content_hash(path) != file.hash) return false;
  }
  return true;
}

}  // namespace covermap::app
