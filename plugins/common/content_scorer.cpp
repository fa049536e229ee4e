#include "content_scorer.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace promosim::plugins {

FallbackMode parse_fallback(std::string_view name) {
  if (name == "content") return FallbackMode::kContent;
  if (name == "popularity") return FallbackMode::kPopularity;
  if (name == "none") return FallbackMode::kNone;
  throw std::invalid_argument("unknown fallback '" + std::string(name) + "' (expected " + kFallbackChoices + ")");
}

namespace {

double event_weight(const Event& e) {
  switch (e.type) {
    case EventType::kClick: return ContentScorer::kClickWeight;
    case EventType::kCart: return ContentScorer::kCartWeight;
    case EventType::kPurchase: return ContentScorer::kPurchaseWeight;
  }
  throw std::invalid_argument("event of unknown type " + std::to_string(static_cast<int>(e.type)));
}

}  // namespace

ContentScorer::ContentScorer(const CatalogView& catalog, std::uint32_t segment_count, ContentWeights weights)
    : catalog_(catalog), segment_count_(segment_count), weights_(weights) {
  if (segment_count_ == 0) throw std::invalid_argument("ContentScorer needs at least one segment");
  if (!(weights_.prior_items > 0.0)) {
    throw std::invalid_argument("ContentScorer prior_items must be > 0, got " + std::to_string(weights_.prior_items));
  }
  if (!(weights_.prior_engagement > 0.0)) {
    throw std::invalid_argument("ContentScorer prior_engagement must be > 0, got " +
                                std::to_string(weights_.prior_engagement));
  }
  const std::uint32_t n = catalog_.item_count;
  std::vector<std::uint32_t> items_per_category(catalog_.category_count, 0);
  for (ItemId i = 0; i < n; ++i) {
    if (catalog_.category[i] >= catalog_.category_count || catalog_.brand[i] >= catalog_.brand_count) {
      throw std::invalid_argument("item " + std::to_string(i) + " has category " + std::to_string(catalog_.category[i]) +
                                  " and brand " + std::to_string(catalog_.brand[i]) + ", outside the catalog's " +
                                  std::to_string(catalog_.category_count) + " categories and " +
                                  std::to_string(catalog_.brand_count) + " brands");
    }
    ++items_per_category[catalog_.category[i]];
  }

  // Price band = quintile of the item's list price among its category's items. Equal prices
  // share a band: the band counts only the strictly cheaper items.
  std::vector<ItemId> by_price(n);
  std::iota(by_price.begin(), by_price.end(), ItemId{0});
  std::sort(by_price.begin(), by_price.end(), [&](ItemId a, ItemId b) {
    if (catalog_.category[a] != catalog_.category[b]) return catalog_.category[a] < catalog_.category[b];
    return catalog_.list_price[a] < catalog_.list_price[b] || (catalog_.list_price[a] == catalog_.list_price[b] && a < b);
  });
  price_band_.assign(n, 0);
  std::size_t first_of_category = 0, first_of_price = 0;
  for (std::size_t pos = 0; pos < n; ++pos) {
    const ItemId item = by_price[pos];
    const CategoryId c = catalog_.category[item];
    if (pos == 0 || c != catalog_.category[by_price[pos - 1]]) first_of_category = first_of_price = pos;
    else if (catalog_.list_price[item] != catalog_.list_price[by_price[pos - 1]]) first_of_price = pos;
    const std::size_t cheaper = first_of_price - first_of_category;
    price_band_[item] = static_cast<std::uint8_t>(cheaper * kPriceBands / items_per_category[c]);
  }

  by_segment_.assign(segment_count_, 0.0);
  by_category_.assign(catalog_.category_count, 0.0);
  by_brand_.assign(catalog_.brand_count, 0.0);
  by_band_.assign(static_cast<std::size_t>(catalog_.category_count) * kPriceBands, 0.0);
  by_segment_category_.assign(static_cast<std::size_t>(segment_count_) * catalog_.category_count, 0.0);
  by_segment_item_.assign(static_cast<std::size_t>(segment_count_) * n, 0.0);
  by_item_.assign(n, 0.0);
  events_per_item_.assign(n, 0);
  wave_launch_.assign(catalog_.launch_tick, catalog_.launch_tick + n);
  std::sort(wave_launch_.begin(), wave_launch_.end());
  wave_launch_.erase(std::unique(wave_launch_.begin(), wave_launch_.end()), wave_launch_.end());
  wave_of_item_.resize(n);
  std::vector<double> wave_items(wave_launch_.size(), 0.0);
  for (ItemId i = 0; i < n; ++i) {
    wave_of_item_[i] = static_cast<std::uint32_t>(
        std::lower_bound(wave_launch_.begin(), wave_launch_.end(), catalog_.launch_tick[i]) - wave_launch_.begin());
    ++wave_items[wave_of_item_[i]];
  }
  wave_items_on_sale_.resize(wave_launch_.size());
  std::partial_sum(wave_items.begin(), wave_items.end(), wave_items_on_sale_.begin());
  refresh();
}

void ContentScorer::check_item(ItemId item) const {
  if (item >= catalog_.item_count) {
    throw std::out_of_range("item " + std::to_string(item) + " outside the catalog of " +
                            std::to_string(catalog_.item_count) + " items");
  }
}

void ContentScorer::check_segment(SegmentId segment) const {
  if (segment >= segment_count_) {
    throw std::out_of_range("segment " + std::to_string(segment) + " outside the population's " +
                            std::to_string(segment_count_) + " segments");
  }
}

void ContentScorer::learn(EventSpan events) {
  // Checked first, so a bad event leaves the scorer as it was.
  for (const Event& e : events) {
    check_item(e.item);
    check_segment(e.segment);
    event_weight(e);
  }
  for (const Event& e : events) {
    const double w = event_weight(e);
    const CategoryId c = catalog_.category[e.item];
    total_ += w;
    by_segment_[e.segment] += w;
    by_category_[c] += w;
    by_brand_[catalog_.brand[e.item]] += w;
    by_band_[c * kPriceBands + price_band_[e.item]] += w;
    by_segment_category_[static_cast<std::size_t>(e.segment) * catalog_.category_count + c] += w;
    by_segment_item_[static_cast<std::size_t>(e.segment) * catalog_.item_count + e.item] += w;
    by_item_[e.item] += w;
    ++events_per_item_[e.item];
    // Kept in tick order; events of an earlier tick than the last (never sent by the engine)
    // are filed under the last, which only shifts which items count as on sale for them.
    if (engagement_by_tick_.empty() || e.tick > engagement_by_tick_.back().first) {
      engagement_by_tick_.emplace_back(e.tick, 0.0);
    }
    engagement_by_tick_.back().second += w;
  }
}

// Every group (category, brand, price band of a category, segment × category) is scored by
// its lift: its engagement over its exposure, the engagement its items would have collected
// had they been average (so items launched later count only from their launch). Each lift is
// shrunk toward its parent's with prior_items items' worth of exposure (catalog → category →
// brand and → price band; the population's category lift for a segment), so unseen groups
// score below seen ones but stay finite, and a segment without engagement inherits the
// population's category preferences. The terms are logs of a lift over its parent's. The item
// term compares the item's own engagement with what its attributes predict for its exposure:
// a new item starts at 0, an item that was on sale and ignored sinks.
void ContentScorer::compute_content_scores() {
  const std::uint32_t n = catalog_.item_count;
  const std::uint32_t categories = catalog_.category_count;
  content_score_.assign(static_cast<std::size_t>(segment_count_) * n, 0.0f);
  if (total_ <= 0.0 || n == 0) return;  // nothing learnt: every item is as good as any other

  // Exposure of one item: what an average item on sale collected while it was on sale, summed
  // over the learning ticks. It depends only on the launch tick, so it is summed per wave.
  std::vector<double> wave_exposure(wave_launch_.size(), 0.0);
  for (const auto& [tick, engagement] : engagement_by_tick_) {
    const auto waves_on_sale = static_cast<std::size_t>(
        std::upper_bound(wave_launch_.begin(), wave_launch_.end(), tick) - wave_launch_.begin());
    if (waves_on_sale == 0) continue;
    const double per_item = engagement / wave_items_on_sale_[waves_on_sale - 1];
    for (std::size_t w = 0; w < waves_on_sale; ++w) wave_exposure[w] += per_item;
  }
  std::vector<double> category_exposure(categories, 0.0), brand_exposure(catalog_.brand_count, 0.0),
      band_exposure(by_band_.size(), 0.0);
  for (ItemId i = 0; i < n; ++i) {
    const double x = wave_exposure[wave_of_item_[i]];
    category_exposure[catalog_.category[i]] += x;
    brand_exposure[catalog_.brand[i]] += x;
    band_exposure[catalog_.category[i] * kPriceBands + price_band_[i]] += x;
  }

  const double prior = weights_.prior_items * total_ / n;  // prior_items average items' exposure
  const auto shrunk_lift = [prior](double engagement, double exposure, double parent_lift) {
    return (engagement + prior * parent_lift) / (exposure + prior);
  };
  std::vector<double> category_lift(categories);
  for (CategoryId c = 0; c < categories; ++c) category_lift[c] = shrunk_lift(by_category_[c], category_exposure[c], 1.0);
  std::vector<double> brand_term(catalog_.brand_count, 0.0);
  for (ItemId i = 0; i < n; ++i) {  // a brand's parent is the category its items are in
    const BrandId b = catalog_.brand[i];
    const double parent = category_lift[catalog_.category[i]];
    brand_term[b] = std::log(shrunk_lift(by_brand_[b], brand_exposure[b], parent) / parent);
  }
  std::vector<double> band_term(by_band_.size());
  for (std::size_t cp = 0; cp < band_term.size(); ++cp) {
    const double parent = category_lift[cp / kPriceBands];
    band_term[cp] = std::log(shrunk_lift(by_band_[cp], band_exposure[cp], parent) / parent);
  }
  const double a = weights_.prior_engagement;
  std::vector<double> item_term(n);
  for (ItemId i = 0; i < n; ++i) {
    const CategoryId c = catalog_.category[i];
    const double attribute_lift =
        category_lift[c] * std::exp(brand_term[catalog_.brand[i]] + band_term[c * kPriceBands + price_band_[i]]);
    const double expected = wave_exposure[wave_of_item_[i]] * attribute_lift;
    item_term[i] = std::log((by_item_[i] + a) / (expected + a));
  }

  std::vector<double> affinity(categories);
  for (std::uint32_t s = 0; s < segment_count_; ++s) {
    // The segment's share of all engagement scales exposures and the prior to the segment.
    const double share = by_segment_[s] / total_;
    for (CategoryId c = 0; c < categories; ++c) {
      const double engagement = by_segment_category_[static_cast<std::size_t>(s) * categories + c];
      affinity[c] = share > 0.0 ? std::log((engagement + share * prior * category_lift[c]) /
                                           (share * (category_exposure[c] + prior)))
                                : std::log(category_lift[c]);
    }
    float* scores = content_score_.data() + static_cast<std::size_t>(s) * n;
    for (ItemId i = 0; i < n; ++i) {
      const CategoryId c = catalog_.category[i];
      const auto score = static_cast<float>(weights_.category * affinity[c] + weights_.brand * brand_term[catalog_.brand[i]] +
                                            weights_.price_band * band_term[c * kPriceBands + price_band_[i]] +
                                            weights_.item * item_term[i]);
      scores[i] = score + 0.0f;  // -0.0 (e.g. a zero weight times a negative term) becomes +0.0 for the sort keys
    }
  }
}

namespace {

/// Maps a finite float to an unsigned key whose ascending order is the float's descending
/// order (sign-magnitude to offset binary, then inverted).
std::uint32_t descending_key(float value) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  bits = (bits & 0x80000000u) != 0 ? ~bits : bits | 0x80000000u;
  return ~bits;
}

}  // namespace

void ContentScorer::refresh() {
  const std::uint32_t n = catalog_.item_count;
  compute_content_scores();
  popularity_score_.resize(by_segment_item_.size());
  std::transform(by_segment_item_.begin(), by_segment_item_.end(), popularity_score_.begin(),
                 [](double e) { return static_cast<float>(e); });

  // Per segment: the popularity order (segment's engagement, then everyone's, then lower id),
  // then the content order (score, ties in popularity order) as one sort of packed keys.
  // Segments are independent, so sorting them in parallel gives the same orders on any thread count.
  std::vector<ItemId> popularity_order(static_cast<std::size_t>(segment_count_) * n);
  std::vector<ItemId> content_order(popularity_order.size());
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, segment_count_), [&](const tbb::blocked_range<std::uint32_t>& r) {
    struct PopularityKey {
      double segment, everyone;
      ItemId item;
    };
    std::vector<PopularityKey> popularity_keys(n);
    std::vector<std::uint64_t> keys(n);
    for (std::uint32_t s = r.begin(); s != r.end(); ++s) {
      const std::size_t base = static_cast<std::size_t>(s) * n;
      const double* engaged = by_segment_item_.data() + base;
      for (ItemId i = 0; i < n; ++i) popularity_keys[i] = {engaged[i], by_item_[i], i};
      std::sort(popularity_keys.begin(), popularity_keys.end(), [](const PopularityKey& a, const PopularityKey& b) {
        if (a.segment != b.segment) return a.segment > b.segment;
        if (a.everyone != b.everyone) return a.everyone > b.everyone;
        return a.item < b.item;
      });
      ItemId* popular = popularity_order.data() + base;
      for (std::uint32_t pos = 0; pos < n; ++pos) popular[pos] = popularity_keys[pos].item;
      const float* score = content_score_.data() + base;
      for (std::uint32_t pos = 0; pos < n; ++pos) {
        keys[pos] = static_cast<std::uint64_t>(descending_key(score[popular[pos]])) << 32 | pos;
      }
      std::sort(keys.begin(), keys.end());
      for (std::uint32_t pos = 0; pos < n; ++pos) content_order[base + pos] = popular[keys[pos] & 0xFFFFFFFFu];
    }
  });

  std::vector<std::uint8_t> cold(n);
  for (ItemId i = 0; i < n; ++i) cold[i] = events_per_item_[i] < kWarmEvents;
  // Four independent rankings, each written by one task.
  tbb::parallel_invoke([&] { assemble(content_order, content_score_, nullptr, true, content_all_); },
                       [&] { assemble(content_order, content_score_, &cold, true, content_cold_); },
                       [&] { assemble(popularity_order, popularity_score_, nullptr, false, popularity_all_); },
                       [&] { assemble(popularity_order, popularity_score_, &cold, false, popularity_cold_); });
}

void ContentScorer::assemble(const std::vector<ItemId>& order, const std::vector<float>& scores,
                             const std::vector<std::uint8_t>* keep, bool grouped, Ranking& ranking) const {
  const std::uint32_t n = catalog_.item_count;
  const auto kept = [&](ItemId i) { return keep == nullptr || (*keep)[i] != 0; };
  std::uint32_t size = 0;
  for (ItemId i = 0; i < n; ++i) size += kept(i) ? 1 : 0;
  ranking.size = size;
  ranking.by_segment.resize(static_cast<std::size_t>(segment_count_) * size);
  ranking.by_category.clear();
  ranking.by_brand.clear();
  ranking.category_start.clear();
  ranking.brand_start.clear();
  if (grouped) {
    ranking.by_category.resize(ranking.by_segment.size());
    ranking.by_brand.resize(ranking.by_segment.size());
    ranking.category_start.assign(catalog_.category_count + 1, 0);
    ranking.brand_start.assign(catalog_.brand_count + 1, 0);
    for (ItemId i = 0; i < n; ++i) {
      if (!kept(i)) continue;
      ++ranking.category_start[catalog_.category[i] + 1u];
      ++ranking.brand_start[catalog_.brand[i] + 1u];
    }
    std::partial_sum(ranking.category_start.begin(), ranking.category_start.end(), ranking.category_start.begin());
    std::partial_sum(ranking.brand_start.begin(), ranking.brand_start.end(), ranking.brand_start.begin());
  }

  // Each list's entries carry the earliest launch tick from them to the list's end, so a walk
  // stops as soon as nothing further down is on sale yet.
  const auto mark_launch = [&](Entry* begin, Entry* end) {
    TickIndex earliest = kNever;
    for (Entry* e = end; e != begin;) {
      --e;
      earliest = std::min(earliest, catalog_.launch_tick[e->item]);
      e->launch_from = earliest;
    }
  };

  std::vector<std::uint32_t> category_fill, brand_fill;
  for (std::uint32_t s = 0; s < segment_count_; ++s) {
    const ItemId* segment_order = order.data() + static_cast<std::size_t>(s) * n;
    const float* score = scores.data() + static_cast<std::size_t>(s) * n;
    Entry* segment_list = ranking.by_segment.data() + static_cast<std::size_t>(s) * size;
    std::uint32_t pos = 0;
    for (std::uint32_t o = 0; o < n; ++o) {
      const ItemId item = segment_order[o];
      if (!kept(item)) continue;
      segment_list[pos] = {score[item], pos, item, 0};
      ++pos;
    }
    mark_launch(segment_list, segment_list + size);
    if (!grouped) continue;
    Entry* category_lists = ranking.by_category.data() + static_cast<std::size_t>(s) * size;
    Entry* brand_lists = ranking.by_brand.data() + static_cast<std::size_t>(s) * size;
    category_fill.assign(ranking.category_start.begin(), ranking.category_start.end() - 1);
    brand_fill.assign(ranking.brand_start.begin(), ranking.brand_start.end() - 1);
    for (std::uint32_t p = 0; p < size; ++p) {
      const Entry& e = segment_list[p];
      category_lists[category_fill[catalog_.category[e.item]]++] = e;
      brand_lists[brand_fill[catalog_.brand[e.item]]++] = e;
    }
    for (std::uint32_t c = 0; c < catalog_.category_count; ++c) {
      mark_launch(category_lists + ranking.category_start[c], category_lists + ranking.category_start[c + 1]);
    }
    for (std::uint32_t b = 0; b < catalog_.brand_count; ++b) {
      mark_launch(brand_lists + ranking.brand_start[b], brand_lists + ranking.brand_start[b + 1]);
    }
  }
}

bool ContentScorer::is_cold(ItemId item) const {
  check_item(item);
  return events_per_item_[item] < kWarmEvents;
}

std::uint32_t ContentScorer::price_band(ItemId item) const {
  check_item(item);
  return price_band_[item];
}

float ContentScorer::content_score(SegmentId segment, ItemId item) const {
  check_segment(segment);
  check_item(item);
  return content_score_[static_cast<std::size_t>(segment) * catalog_.item_count + item];
}

double ContentScorer::engagement(SegmentId segment, ItemId item) const {
  check_segment(segment);
  check_item(item);
  return by_segment_item_[static_cast<std::size_t>(segment) * catalog_.item_count + item];
}

std::size_t ContentScorer::fill(FallbackMode mode, const SessionView& session, TickIndex tick, std::size_t count,
                                const ItemId* exclude, std::size_t exclude_count, bool cold_only, ItemId* out,
                                const FillOptions& options) const {
  switch (mode) {
    case FallbackMode::kNone: return 0;
    case FallbackMode::kPopularity:
      return walk(cold_only ? popularity_cold_ : popularity_all_, false, session, tick, count, exclude, exclude_count,
                  out, options);
    case FallbackMode::kContent:
      return walk(cold_only ? content_cold_ : content_all_, true, session, tick, count, exclude, exclude_count, out,
                  options);
  }
  return 0;
}

namespace {

/// A run of ranked entries read front to back with a boost added to their scores; items
/// that belong to another stream are skipped.
template <class Entry>
struct Stream {
  const Entry* next;
  const Entry* end;
  float boost;
  enum class Skip : std::uint8_t { kNothing, kRecentCategory, kRecentBrand } skip;
};

template <class T, std::size_t N>
bool contains(const std::array<T, N>& values, std::size_t size, T value) {
  return std::find(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(size), value) !=
         values.begin() + static_cast<std::ptrdiff_t>(size);
}

}  // namespace

// Merges the segment's list with one list per recent category and per recent brand. Every
// item lives in exactly one stream (the segment list skips items of recent categories, a
// category list skips items of recent brands), so the merge by boosted score, ties by the
// segment ranking's position, is exactly the segment ranking re-sorted with the boosts.
std::size_t ContentScorer::walk(const Ranking& ranking, bool boosted, const SessionView& session, TickIndex tick,
                                std::size_t count, const ItemId* exclude, std::size_t exclude_count, ItemId* out,
                                const FillOptions& options) const {
  check_segment(session.segment);
  if (count == 0 || ranking.size == 0) return 0;
  const ItemId* recent_begin = session.recent_items;
  const ItemId* recent_end = recent_begin + std::min<std::size_t>(session.recent_count, kRecentItems);
  std::array<CategoryId, kRecentItems> recent_categories{};
  std::array<BrandId, kRecentItems> recent_brands{};
  std::size_t category_count = 0, brand_count = 0;
  const bool boosts = boosted && (weights_.recent_category != 0.0 || weights_.recent_brand != 0.0);
  for (const ItemId* r = recent_begin; r != recent_end; ++r) {
    if (*r == kNoItem) continue;
    check_item(*r);
    if (!boosts) continue;
    if (!contains(recent_categories, category_count, catalog_.category[*r])) {
      recent_categories[category_count++] = catalog_.category[*r];
    }
    if (!contains(recent_brands, brand_count, catalog_.brand[*r])) recent_brands[brand_count++] = catalog_.brand[*r];
  }

  using S = Stream<Entry>;
  std::array<S, 1 + 2 * kRecentItems> streams;
  std::size_t stream_count = 0;
  const std::size_t base = static_cast<std::size_t>(session.segment) * ranking.size;
  const Entry* segment_list = ranking.by_segment.data() + base;
  streams[stream_count++] = {segment_list, segment_list + ranking.size, 0.0f,
                             category_count > 0 ? S::Skip::kRecentCategory : S::Skip::kNothing};
  for (std::size_t c = 0; c < category_count; ++c) {
    const Entry* lists = ranking.by_category.data() + base;
    streams[stream_count++] = {lists + ranking.category_start[recent_categories[c]],
                               lists + ranking.category_start[recent_categories[c] + 1u],
                               static_cast<float>(weights_.recent_category), S::Skip::kRecentBrand};
  }
  for (std::size_t b = 0; b < brand_count; ++b) {
    const Entry* lists = ranking.by_brand.data() + base;
    streams[stream_count++] = {lists + ranking.brand_start[recent_brands[b]],
                               lists + ranking.brand_start[recent_brands[b] + 1u],
                               static_cast<float>(weights_.recent_category + weights_.recent_brand), S::Skip::kNothing};
  }

  const auto eligible = [&](const S& stream, ItemId item) {
    if (catalog_.launch_tick[item] > tick) return false;
    if (options.stock != nullptr && options.stock[item] == 0) return false;
    if (stream.skip == S::Skip::kRecentCategory && contains(recent_categories, category_count, catalog_.category[item])) {
      return false;
    }
    if (stream.skip == S::Skip::kRecentBrand && contains(recent_brands, brand_count, catalog_.brand[item])) return false;
    if (options.exclude_recent && std::find(recent_begin, recent_end, item) != recent_end) return false;
    return std::find(exclude, exclude + exclude_count, item) == exclude + exclude_count;
  };
  // Moves a stream to its next eligible entry; an exhausted stream has next == end.
  const auto settle = [&](S& stream) {
    while (stream.next != stream.end) {
      if (stream.next->launch_from > tick || stream.next->score + stream.boost < options.min_score) {
        stream.next = stream.end;
        break;
      }
      if (eligible(stream, stream.next->item)) break;
      ++stream.next;
    }
  };
  for (std::size_t i = 0; i < stream_count; ++i) settle(streams[i]);

  std::size_t written = 0;
  while (written < count) {
    S* best = nullptr;
    for (std::size_t i = 0; i < stream_count; ++i) {
      S& s = streams[i];
      if (s.next == s.end) continue;
      if (best == nullptr) {
        best = &s;
        continue;
      }
      const float score = s.next->score + s.boost, best_score = best->next->score + best->boost;
      if (score > best_score || (score == best_score && s.next->rank < best->next->rank)) best = &s;
    }
    if (best == nullptr) break;
    out[written++] = best->next->item;
    ++best->next;
    settle(*best);
  }
  return written;
}

}  // namespace promosim::plugins
