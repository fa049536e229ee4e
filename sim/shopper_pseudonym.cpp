#include "shopper_pseudonym.hpp"

#include <cstdlib>
#include <cstring>
#include <random>

#include "user_error.hpp"

namespace promosim {

namespace {

inline std::uint64_t rotl(std::uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

inline void sip_round(std::uint64_t& v0, std::uint64_t& v1, std::uint64_t& v2, std::uint64_t& v3) {
  v0 += v1;
  v1 = rotl(v1, 13);
  v1 ^= v0;
  v0 = rotl(v0, 32);
  v2 += v3;
  v3 = rotl(v3, 16);
  v3 ^= v2;
  v0 += v3;
  v3 = rotl(v3, 21);
  v3 ^= v0;
  v2 += v1;
  v1 = rotl(v1, 17);
  v1 ^= v2;
  v2 = rotl(v2, 32);
}

// Little-endian load, independent of the host's byte order.
inline std::uint64_t load_le64(const unsigned char* p) {
  std::uint64_t x = 0;
  for (int i = 7; i >= 0; --i) x = (x << 8) | p[i];
  return x;
}

// Fixed, public constants: the secret is what protects the key, these only separate uses.
constexpr std::uint64_t kDeriveK0 = 0x70726f6d6f73696dULL;  // "promosim"
constexpr std::uint64_t kDeriveK1 = 0x707365756479306bULL;

}  // namespace

std::uint64_t ShopperPseudonym::siphash24(std::uint64_t k0, std::uint64_t k1, const void* data, std::size_t size) {
  const auto* in = static_cast<const unsigned char*>(data);
  std::uint64_t v0 = 0x736f6d6570736575ULL ^ k0;
  std::uint64_t v1 = 0x646f72616e646f6dULL ^ k1;
  std::uint64_t v2 = 0x6c7967656e657261ULL ^ k0;
  std::uint64_t v3 = 0x7465646279746573ULL ^ k1;
  const std::size_t full = size - size % 8;
  for (std::size_t i = 0; i < full; i += 8) {
    const std::uint64_t m = load_le64(in + i);
    v3 ^= m;
    sip_round(v0, v1, v2, v3);
    sip_round(v0, v1, v2, v3);
    v0 ^= m;
  }
  std::uint64_t last = static_cast<std::uint64_t>(size & 0xff) << 56;
  for (std::size_t i = 0; i < size % 8; ++i) last |= static_cast<std::uint64_t>(in[full + i]) << (8 * i);
  v3 ^= last;
  sip_round(v0, v1, v2, v3);
  sip_round(v0, v1, v2, v3);
  v0 ^= last;
  v2 ^= 0xff;
  for (int i = 0; i < 4; ++i) sip_round(v0, v1, v2, v3);
  return v0 ^ v1 ^ v2 ^ v3;
}

ShopperPseudonym ShopperPseudonym::from_secret(std::string_view secret) {
  if (secret.size() < kMinSecretBytes)
    throw UserError("the pseudonym key is " + std::to_string(secret.size()) + " characters long; use a secret of at least " +
                    std::to_string(kMinSecretBytes) + " characters (e.g. 32 hex digits: `od -An -N16 -tx1 /dev/urandom | tr -d ' \\n'`)");
  const std::uint64_t k0 = siphash24(kDeriveK0, kDeriveK1, secret.data(), secret.size());
  const std::uint64_t k1 = siphash24(kDeriveK1, kDeriveK0, secret.data(), secret.size());
  return ShopperPseudonym(k0, k1);
}

ShopperPseudonym ShopperPseudonym::resolve(const std::string& caller_secret) {
  if (!caller_secret.empty()) return from_secret(caller_secret);
  const char* env = std::getenv(kKeyVariable);
  if (env == nullptr || *env == '\0')
    throw UserError(std::string("no pseudonym key: shopper ids are pseudonymised with a secret key on ingest; set ") +
                    kKeyVariable + " to a secret of at least 16 characters and keep it to re-ingest consistently");
  return from_secret(env);
}

std::uint64_t ShopperPseudonym::operator()(std::string_view raw_id) const {
  const std::uint64_t h = siphash24(k0_, k1_, raw_id.data(), raw_id.size());
  return h == 0 ? 1 : h;
}

ShopperPseudonym ShopperPseudonym::derived(std::uint64_t domain) const {
  unsigned char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(domain >> (8 * i));
  return ShopperPseudonym(siphash24(k0_, k1_, bytes, 8), siphash24(k1_, k0_, bytes, 8));
}

ShopperPseudonym ShopperPseudonym::throwaway() {
  std::random_device device;
  const std::uint64_t k0 = (std::uint64_t{device()} << 32) ^ device();
  const std::uint64_t k1 = (std::uint64_t{device()} << 32) ^ device();
  return ShopperPseudonym(k0, k1);
}

}  // namespace promosim
