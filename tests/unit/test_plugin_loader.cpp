// The loader's refusals, one fixture library each (tests/fixtures): every message names the
// file's problem so a plugin developer knows what to fix.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "plugin_error.hpp"
#include "test_plugin_support.hpp"

namespace promosim::test {
namespace {

const std::string kFixtureDir = PROMOSIM_TEST_FIXTURE_DIR;

using Catch::Matchers::Contains;

TEST_CASE("loader: a file that is not a shared library is refused as such", "[plugins][loader]") {
  const std::filesystem::path folder = std::filesystem::temp_directory_path() / "promosim_loader_test";
  std::filesystem::create_directories(folder);
  const std::string path = (folder / "x.so").string();
  std::ofstream(path) << "not a library\n";
  CHECK_THROWS_WITH(PluginLibrary::load(path), Contains(path) && Contains("not a shared library"));
  CHECK_THROWS_AS(PluginRegistry::discover({folder.string()}), UserError);
  std::filesystem::remove_all(folder);
}

TEST_CASE("loader: a shared library without the entry point is not a promosim plugin", "[plugins][loader]") {
  const std::string path = kFixtureDir + "/broken/no_entry.so";
  CHECK_THROWS_WITH(PluginLibrary::load(path), Contains(path + " is not a promosim plugin"));
}

TEST_CASE("loader: a library built for another plugin ABI is refused naming both versions", "[plugins][loader]") {
  CHECK_THROWS_WITH(PluginLibrary::load(kFixtureDir + "/broken/bad_abi.so"),
                    Contains("plugin ABI version is 999 in the plugin but " + std::to_string(kAbiVersion) + " in this promosim"));
}

TEST_CASE("loader: two plugins of one kind and name are refused by the registry", "[plugins][loader]") {
  PluginRegistry registry;
  CHECK_THROWS_WITH(registry.add_library(kFixtureDir + "/broken/duplicate.so"),
                    Contains("two recommender plugins are called 'twin'"));
}

const PluginEntry& throwing_fixture() {
  static const PluginRegistry registry = PluginRegistry::discover({kFixtureDir + "/plugins"});
  const PluginEntry* entry = registry.entry(PluginKind::kRecommender, "throwing");
  if (entry == nullptr) throw std::logic_error("fixture 'throwing' is not built in " + kFixtureDir);
  return *entry;
}

TEST_CASE("loader: a plugin whose create throws becomes a PluginError naming plugin, method, place",
          "[plugins][loader]") {
  const TestCatalog catalog(4);
  try {
    TestPlugin<Recommender> plugin(throwing_fixture(), catalog, {{"throw_in", 0, "create"}});
    FAIL("create did not throw");
  } catch (const PluginError& e) {
    CHECK(std::string(e.what()) ==
          "recommender plugin 'throwing' failed in create (unit test): deliberate failure in create; "
          "fix the plugin or choose another in the scenario");
  }
}

// The integration tests rely on the fixture failing exactly where it is told to.
TEST_CASE("loader: the throwing fixture fails only in the chosen method, from the chosen tick",
          "[plugins][loader]") {
  const TestCatalog catalog(4);
  TestPlugin<Recommender> plugin(throwing_fixture(), catalog, {{"throw_in", 0, "observe"}, {"at_tick", 2}});
  plugin->fit(learn_context(catalog, 0), {});
  CHECK(recommend(plugin, catalog, 2, {session(1)}).front() == 0);
  plugin->observe(learn_context(catalog, 1), {});
  CHECK_THROWS_WITH(plugin->observe(learn_context(catalog, 2), {}), "deliberate failure in observe");
}

}  // namespace
}  // namespace promosim::test
