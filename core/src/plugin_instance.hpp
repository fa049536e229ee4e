#pragma once
// Owns one plugin object: destroyed by the plugin's own destroy(), then the library handle
// it keeps alive is released, in that order.
#include <memory>
#include <utility>

#include "plugin_error.hpp"
#include "plugin_library.hpp"

namespace promosim {

template <class Interface>
class PluginInstance {
 public:
  PluginInstance() = default;
  /// Runs the descriptor's create (exceptions become PluginError naming `where`).
  PluginInstance(std::shared_ptr<const PluginLibrary> library, const PluginDescriptor& descriptor,
                 const CreateContext& context, const std::string& where)
      : library_(std::move(library)), descriptor_(&descriptor) {
    Plugin* made = guarded_call(descriptor, "create", where, [&] { return descriptor.create(context); });
    if (made == nullptr) throw PluginError(descriptor, "create", where, "returned no object");
    // The descriptor's kind was checked against Interface when the plugin was chosen, and
    // describe<T>() makes create() return a T derived from that interface.
    object_ = static_cast<Interface*>(made);
  }
  PluginInstance(PluginInstance&& o) noexcept { swap(o); }
  PluginInstance& operator=(PluginInstance&& o) noexcept {
    PluginInstance(std::move(o)).swap(*this);
    return *this;
  }
  ~PluginInstance() {
    if (object_ != nullptr) descriptor_->destroy(object_);
  }

  Interface* operator->() const { return object_; }
  Interface& get() const { return *object_; }
  const PluginDescriptor& descriptor() const { return *descriptor_; }
  bool has(Capability capability) const { return (descriptor_->capabilities & capability) != 0; }

 private:
  void swap(PluginInstance& o) noexcept {
    std::swap(library_, o.library_);
    std::swap(descriptor_, o.descriptor_);
    std::swap(object_, o.object_);
  }
  std::shared_ptr<const PluginLibrary> library_;
  const PluginDescriptor* descriptor_ = nullptr;
  Interface* object_ = nullptr;
};

}  // namespace promosim
