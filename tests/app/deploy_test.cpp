// deploy/k8s: the manifests parsed as Kubernetes reads them (the index wiring, the shared volume's paths),
// and their command lines run here as the pods would run them, the merged archive compared with a single run.
// (deploy/slurm runs on a real one-node cluster in scripts/test-slurm.sh, `make test-slurm`.)
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <string>

#include "tests/test_support.hpp"

namespace covermap::test {
namespace {

namespace fs = std::filesystem;

const std::string kDeploy = std::string(COVERMAP_SOURCE_DIR) + "/deploy/k8s/";
constexpr const char* kMount = "/work";

YAML::Node container_of(const YAML::Node& job) {
  return job["spec"]["template"]["spec"]["containers"][0];
}

std::map<std::string, std::string> env_of(const YAML::Node& container) {
  std::map<std::string, std::string> env;
  for (const auto& variable : container["env"])
    env[variable["name"].as<std::string>()] = variable["value"].as<std::string>();
  return env;
}

// The claim mounted at /work, checked to be the one volume.yaml makes.
void expect_shared_volume(const YAML::Node& job, const std::string& claim) {
  const YAML::Node container = container_of(job);
  ASSERT_EQ(container["volumeMounts"].size(), 1u);
  EXPECT_EQ(container["volumeMounts"][0]["mountPath"].as<std::string>(), kMount);
  const std::string volume = container["volumeMounts"][0]["name"].as<std::string>();
  bool found = false;
  for (const auto& entry : job["spec"]["template"]["spec"]["volumes"])
    if (entry["name"].as<std::string>() == volume) {
      found = true;
      EXPECT_EQ(entry["persistentVolumeClaim"]["claimName"].as<std::string>(), claim);
    }
  EXPECT_TRUE(found) << "the mounted volume " << volume << " is declared";
  EXPECT_EQ(job["spec"]["template"]["spec"]["restartPolicy"].as<std::string>(), "Never");
}

// The pod's shell command with /work moved to `root`.
std::string script_at(const YAML::Node& container, const std::string& root) {
  std::string script = container["args"][0].as<std::string>();
  for (std::size_t at = script.find(kMount); at != std::string::npos;
       at = script.find(kMount, at + root.size()))
    script.replace(at, std::string(kMount).size(), root);
  return script;
}

std::string shell_quoted(const std::string& text) {
  return "'" + text + "'";
}

class K8sManifests : public ::testing::Test {
 protected:
  void SetUp() override {
    volume_ = YAML::LoadFile(kDeploy + "volume.yaml");
    tiles_ = YAML::LoadFile(kDeploy + "tiles-job.yaml");
    merge_ = YAML::LoadFile(kDeploy + "merge-job.yaml");
  }
  YAML::Node volume_, tiles_, merge_;
};

TEST_F(K8sManifests, TheTileJobIsIndexedAndEachPodMakesTheShareOfItsIndexOnTheSharedVolume) {
  EXPECT_EQ(volume_["kind"].as<std::string>(), "PersistentVolumeClaim");
  EXPECT_EQ(volume_["spec"]["accessModes"][0].as<std::string>(), "ReadWriteMany")
      << "pods on many nodes write";
  const std::string claim = volume_["metadata"]["name"].as<std::string>();

  EXPECT_EQ(tiles_["apiVersion"].as<std::string>(), "batch/v1");
  EXPECT_EQ(tiles_["kind"].as<std::string>(), "Job");
  EXPECT_EQ(tiles_["spec"]["completionMode"].as<std::string>(), "Indexed");
  const auto env = env_of(container_of(tiles_));
  ASSERT_TRUE(env.count("SHARDS"));
  EXPECT_EQ(tiles_["spec"]["completions"].as<int>(), std::stoi(env.at("SHARDS")))
      << "one share per index: N is the number of completions";
  EXPECT_LE(tiles_["spec"]["parallelism"].as<int>(), tiles_["spec"]["completions"].as<int>());
  EXPECT_EQ(env.at("MAP").rfind(std::string(kMount) + "/", 0), 0u) << "the map is on the shared volume";
  const std::string script = container_of(tiles_)["args"][0].as<std::string>();
  EXPECT_NE(script.find("--shard \"$JOB_COMPLETION_INDEX/$SHARDS\""), std::string::npos) << script;
  EXPECT_NE(script.find("-o \"/work/parts/part-$JOB_COMPLETION_INDEX-of-$SHARDS.pmtiles\""),
            std::string::npos)
      << script;
  expect_shared_volume(tiles_, claim);

  EXPECT_EQ(merge_["kind"].as<std::string>(), "Job");
  EXPECT_FALSE(merge_["spec"]["completionMode"]) << "the merge is one pod";
  EXPECT_EQ(env_of(container_of(merge_)).at("SHARDS"), env.at("SHARDS")) << "the merge expects every share";
  const std::string merge_script = container_of(merge_)["args"][0].as<std::string>();
  EXPECT_NE(merge_script.find("/work/parts/part-%.0f-of-$SHARDS.pmtiles"), std::string::npos) << merge_script;
  expect_shared_volume(merge_, claim);
}

TEST_F(K8sManifests, ThePodsCommandLinesRunHereMakeTheBytesOfOneRun) {
  TempDir dir;
  const std::string root = dir.path().string();
  fs::create_directories(dir.path() / "map");
  for (const char* name : {"children-reached.yaml", "children-reached.csv"})
    fs::copy_file(std::string(COVERMAP_SOURCE_DIR) + "/tests/data/" + name, dir.path() / "map" / name);
  const std::string path =
      "PATH=" + shell_quoted(fs::path(COVERMAP_CLI).parent_path().string()) + ":\"$PATH\"";
  const std::string shards = env_of(container_of(tiles_)).at("SHARDS");
  const std::string common = path + " SHARDS=" + shards +
                             " ZOOM=0-5 THREADS=1 MAP=" + shell_quoted(root + "/map/children-reached.yaml");
  for (int index = 0; index < std::stoi(shards); ++index) {
    const auto pod = run_shell(common + " JOB_COMPLETION_INDEX=" + std::to_string(index) + " sh -c " +
                               shell_quoted(script_at(container_of(tiles_), root)));
    ASSERT_EQ(pod.exit_code, 0) << "pod " << index << ": " << pod.err;
  }
  const std::string out = root + "/out/tiles.pmtiles";
  const auto merge = run_shell(path + " SHARDS=" + shards + " OUT=" + shell_quoted(out) + " sh -c " +
                               shell_quoted(script_at(container_of(merge_), root)));
  ASSERT_EQ(merge.exit_code, 0) << merge.err;
  fs::create_directories(dir.path() / "one");
  const auto one = run_cli("tiles " + shell_quoted(root + "/map/children-reached.yaml") + " -o " +
                           shell_quoted(root + "/one/tiles.pmtiles") + " --zoom 0-5");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_TRUE(read_file(out) == read_file(root + "/one/tiles.pmtiles"));
  EXPECT_TRUE(read_file(out + ".json") == read_file(root + "/one/tiles.pmtiles.json"));
}

}  // namespace
}  // namespace covermap::test
