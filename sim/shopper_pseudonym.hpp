#pragma once
// Keyed pseudonyms for shopper and session ids: SipHash-2-4 (Aumasson & Bernstein, 2012) of
// the raw id under a secret 128-bit key. Without the key the raw id cannot be recovered or
// confirmed by hashing guesses, which a plain hash would allow for small id spaces; with the
// same key the same id always maps to the same pseudonym, so logs ingested at different
// times still join.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace promosim {

class ShopperPseudonym {
 public:
  /// Environment variable holding the secret when the caller passes none.
  static constexpr const char* kKeyVariable = "PROMOSIM_PSEUDONYM_KEY";
  /// Shortest secret accepted: shorter ones can be guessed.
  static constexpr std::size_t kMinSecretBytes = 16;

  /// A pseudonymiser with an explicit 128-bit key (k0, k1 as in the SipHash paper).
  ShopperPseudonym(std::uint64_t k0, std::uint64_t k1) : k0_(k0), k1_(k1) {}

  /// Derives the key from a secret phrase of at least kMinSecretBytes bytes; throws
  /// UserError otherwise.
  static ShopperPseudonym from_secret(std::string_view secret);

  /// The key the caller passes if non-empty, else $PROMOSIM_PSEUDONYM_KEY; throws UserError
  /// (with the fix) if neither is set, because a default key would make the pseudonyms
  /// reversible by anyone who has the source.
  static ShopperPseudonym resolve(const std::string& caller_secret);
  /// A fresh random key for commands that keep no shopper ids (off-policy evaluation): the
  /// pseudonyms only need to be consistent and unguessable for the life of the process, so no
  /// PROMOSIM_PSEUDONYM_KEY is needed.
  static ShopperPseudonym throwaway();

  /// The pseudonym of a raw id. Never 0, which LoggedEvent reserves for "no session".
  std::uint64_t operator()(std::string_view raw_id) const;

  /// A second pseudonymiser under a key derived from this one, so session ids and shopper ids
  /// that happen to be equal strings do not share a pseudonym.
  ShopperPseudonym derived(std::uint64_t domain) const;

  /// SipHash-2-4 of `data` under (k0, k1).
  static std::uint64_t siphash24(std::uint64_t k0, std::uint64_t k1, const void* data, std::size_t size);

 private:
  std::uint64_t k0_;
  std::uint64_t k1_;
};

}  // namespace promosim
